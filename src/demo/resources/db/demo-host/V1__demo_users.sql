-- The demo host's own user table: it stands for the ERP's, and is not part of the module.
create table demo_user (
    id        varchar(64)  not null primary key,
    login     varchar(64)  not null unique,
    full_name varchar(128) not null,
    email     varchar(128) not null,
    active    boolean      not null default true,
    -- Host-side permissions, as an ERP would hold them in its role tables.
    can_chat  boolean      not null default true,
    is_admin  boolean      not null default false
);

insert into demo_user (id, login, full_name, email, active, can_chat, is_admin) values
  ('u-camille',  'camille',  'Camille Martin',   'camille.martin@exemple.fr',   true, true,  true),
  ('u-alice',    'alice',    'Alice Durand',     'alice.durand@exemple.fr',     true, true,  false),
  ('u-bruno',    'bruno',    'Bruno Lefèvre',    'bruno.lefevre@exemple.fr',    true, true,  false),
  ('u-chloe',    'chloe',    'Chloé Bernard',    'chloe.bernard@exemple.fr',    true, true,  false),
  ('u-david',    'david',    'David Petit',      'david.petit@exemple.fr',      true, true,  false),
  ('u-emilie',   'emilie',   'Émilie Roux',      'emilie.roux@exemple.fr',      true, true,  false),
  ('u-francois', 'francois', 'François Moreau',  'francois.moreau@exemple.fr',  true, true,  false),
  ('u-gerard',   'gerard',   'Gérard Stagiaire', 'gerard.stagiaire@exemple.fr', true, false, false);
