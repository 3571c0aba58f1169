-- Limits on typed text count Unicode code points (an emoji is one character), but H2 counts a
-- varchar's length in UTF-16 units, where an emoji takes two: 33 emoji in a 64-character nickname
-- overflowed the column. Each column now holds twice its limit, what the longest allowed text takes
-- in UTF-16 (PostgreSQL counts code points, so there the extra room is never used). clv_post.message
-- was made 2 x 16,383 wide from the start.
alter table clv_profile alter column nickname set data type varchar(128);
alter table clv_channel alter column display_name set data type varchar(128);
alter table clv_channel alter column purpose set data type varchar(500);
alter table clv_post alter column client_key set data type varchar(128);
