-- Which post a post.* event is about, so that deleting or editing a post can rewrite the text out of
-- its earlier events: the log must not keep what its author took back (see docs/realtime.md).
alter table clv_event add column post_id bigint;
create index clv_event_post_ix on clv_event (post_id);

-- Events written before this column existed: PostView starts with {"id":<post id>,…}.
update clv_event set post_id = cast(substring(payload from 7 for position(',' in payload) - 7) as bigint)
where type in ('post.created', 'post.edited') and payload like '{"id":%,%';

-- And what those events should no longer say: the text of deleted posts, and every version of an edited
-- post but its latest event.
update clv_event set payload = (
        select '{"id":' || p.id || ',"channelId":' || p.channel_id || ',"seq":' || p.seq || ',"redacted":true}'
        from clv_post p where p.id = clv_event.post_id)
where type in ('post.created', 'post.edited') and post_id is not null
  and (exists (select 1 from clv_post p where p.id = clv_event.post_id and p.deleted_at is not null)
       or id < (select max(later.id) from clv_event later
                where later.post_id = clv_event.post_id and later.type in ('post.created', 'post.edited')));
