-- The demo ERP's home desktop: which widgets each user placed, where, and how big (a JSON list).
create table demo_desktop_layout (
    user_id varchar(64)    not null primary key,
    layout  varchar(100000) not null
);
