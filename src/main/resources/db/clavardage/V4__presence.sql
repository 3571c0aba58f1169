-- Live presence per user and node. A node refreshes its rows while it runs; the rows of a node that
-- died expire, so its users go offline without anyone having to notice the death.
create table clv_presence (
    user_id     varchar(64) not null,
    node_id     varchar(64) not null,
    connections integer     not null,
    last_active timestamp(6) with time zone not null,
    expires_at  timestamp(6) with time zone not null,
    primary key (user_id, node_id)
);
create index clv_presence_expires_ix on clv_presence (expires_at);

-- The status last announced to everyone: a change is announced once, by whichever node sees it first.
create table clv_presence_announced (
    user_id varchar(64) not null primary key,
    status  varchar(16) not null
);
