-- A URL name is unique among public channels only. A private channel's name must never make someone
-- else's create or rename fail: the refusal would tell them that the channel exists. The service refuses
-- a name that the caller can see already (public channels, and private ones they sit in); this key
-- settles races between public channels (see docs/architecture.md, "Channel names").
-- Numbered 11.1 (issue 11) so as not to collide with a V7 written on another branch at the same time.
alter table clv_channel add column public_name varchar(64);
update clv_channel set public_name = name where type = 'PUBLIC';
alter table clv_channel drop constraint clv_channel_name_uk;
alter table clv_channel add constraint clv_channel_public_name_uk unique (public_name);
-- Strict, so that a row written by hand (an import, a seeder) without public_name cannot escape the key.
alter table clv_channel add constraint clv_channel_public_name_ck check (
    (type = 'PUBLIC' and public_name is not null and public_name = name) or (type <> 'PUBLIC' and public_name is null));
-- The name check looks channels up by name.
create index clv_channel_name_ix on clv_channel (name);
