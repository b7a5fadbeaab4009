-- MessagesRepository: hand-written statements on messages and messageBox
-- Generated from src/messages/messages.sql.ts by `npm run sql:docs`; do not edit by hand.
-- Variable lists (IN, VALUES) are shown with 2 entries.

-- insertBoxes: Creates the missing boxes of a send, race-free (a box that exists is left alone).
-- sqlite
INSERT OR IGNORE INTO messageBox (type, identityKey, created_at, updated_at) VALUES (?, ?, ?, ?), (?, ?, ?, ?);
-- mariadb
INSERT IGNORE INTO messageBox (type, identityKey, created_at, updated_at) VALUES (?, ?, ?, ?), (?, ?, ?, ?);
-- mysql
INSERT IGNORE INTO messageBox (type, identityKey, created_at, updated_at) VALUES (?, ?, ?, ?), (?, ?, ?, ?);

-- findBoxes: Ids of one box name for several owners (never creates one).
-- sqlite
SELECT messageBoxId, identityKey FROM messageBox WHERE type = ? AND identityKey IN (?, ?);
-- mariadb
SELECT messageBoxId, identityKey FROM messageBox WHERE type = ? AND identityKey IN (?, ?);
-- mysql
SELECT messageBoxId, identityKey FROM messageBox WHERE type = ? AND identityKey IN (?, ?);

-- insertMessagesReturning: Stores a send in one statement, ignoring duplicates, and returns the rows really written.
-- sqlite
INSERT OR IGNORE INTO messages (messageId, messageBoxId, sender, recipient, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?) RETURNING recipient, messageId;
-- mariadb
INSERT IGNORE INTO messages (messageId, messageBoxId, sender, recipient, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?) RETURNING recipient, messageId;

-- insertMessage: No RETURNING in MySQL: one row per statement, ignoring a duplicate; affected rows tell.
-- mysql
INSERT IGNORE INTO messages (messageId, messageBoxId, sender, recipient, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?);

-- pageSizes: A page of ids and body sizes, oldest first (sizes from the record headers, not the bodies).
-- sqlite
SELECT id, octet_length(body) AS bytes FROM messages WHERE recipient = ? AND messageBoxId = ? ORDER BY id LIMIT ?;
-- mariadb
SELECT id, LENGTH(body) AS bytes FROM messages WHERE recipient = ? AND messageBoxId = ? ORDER BY id LIMIT ?;
-- mysql
SELECT id, LENGTH(body) AS bytes FROM messages WHERE recipient = ? AND messageBoxId = ? ORDER BY id LIMIT ?;

-- pageSizesAfter: The same after a cursor.
-- sqlite
SELECT id, octet_length(body) AS bytes FROM messages WHERE recipient = ? AND messageBoxId = ? AND id > ? ORDER BY id LIMIT ?;
-- mariadb
SELECT id, LENGTH(body) AS bytes FROM messages WHERE recipient = ? AND messageBoxId = ? AND id > ? ORDER BY id LIMIT ?;
-- mysql
SELECT id, LENGTH(body) AS bytes FROM messages WHERE recipient = ? AND messageBoxId = ? AND id > ? ORDER BY id LIMIT ?;

-- pageBodies: The bodies of the ids that fit the byte budget of one page.
-- sqlite
SELECT id, messageId, body, sender, created_at FROM messages WHERE recipient = ? AND id IN (?, ?) ORDER BY id;
-- mariadb
SELECT id, messageId, body, sender, created_at FROM messages WHERE recipient = ? AND id IN (?, ?) ORDER BY id;
-- mysql
SELECT id, messageId, body, sender, created_at FROM messages WHERE recipient = ? AND id IN (?, ?) ORDER BY id;

-- storedBytes: Bytes waiting per recipient, in total and from one sender (sizes only).
-- sqlite
SELECT recipient, COALESCE(SUM(octet_length(body)), 0) AS total, COALESCE(SUM(CASE WHEN sender = ? THEN octet_length(body) ELSE 0 END), 0) AS fromSender FROM messages WHERE recipient IN (?, ?) GROUP BY recipient;
-- mariadb
SELECT recipient, COALESCE(SUM(LENGTH(body)), 0) AS total, COALESCE(SUM(CASE WHEN sender = ? THEN LENGTH(body) ELSE 0 END), 0) AS fromSender FROM messages WHERE recipient IN (?, ?) GROUP BY recipient;
-- mysql
SELECT recipient, COALESCE(SUM(LENGTH(body)), 0) AS total, COALESCE(SUM(CASE WHEN sender = ? THEN LENGTH(body) ELSE 0 END), 0) AS fromSender FROM messages WHERE recipient IN (?, ?) GROUP BY recipient;

-- deleteReceived: Acknowledges: deletes only the caller's own received messages by id.
-- sqlite
DELETE FROM messages WHERE recipient = ? AND messageId IN (?, ?);
-- mariadb
DELETE FROM messages WHERE recipient = ? AND messageId IN (?, ?);
-- mysql
DELETE FROM messages WHERE recipient = ? AND messageId IN (?, ?);
