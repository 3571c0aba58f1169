-- Which end of the history shows the newest message: users disagree, so each one chooses.
alter table clv_profile add column reading_order varchar(16) not null default 'NEWEST_BOTTOM';
alter table clv_profile add constraint clv_profile_reading_order_ck check (reading_order in ('NEWEST_BOTTOM', 'NEWEST_TOP'));
