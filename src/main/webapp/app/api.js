// A thin client of the module's REST API. Every failure becomes an ApiError carrying the API's stable
// error code and human message, so callers can show it and decide to retry.
const BASE = new URL('../api/v1/', import.meta.url);

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// Requests the page makes by itself say so, so that only the user's own actions count as activity.
const background = { 'X-Clavardage-Background': '1' };

async function call(method, path, body, contentType = 'application/json', extraHeaders = {}, keepalive = false) {
  // keepalive lets a request made as the page goes away still reach the server.
  const init = { method, headers: { Accept: 'application/json', ...extraHeaders }, credentials: 'same-origin', keepalive };
  if (body !== undefined) {
    init.headers['Content-Type'] = contentType;
    init.body = contentType === 'application/json' ? JSON.stringify(body) : body;
  }
  let response;
  try {
    response = await fetch(new URL(path, BASE), init);
  } catch (networkFailure) {
    throw new ApiError(0, 'network_error', networkFailure.message || 'Network error');
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, data?.error || `http_${response.status}`, data?.message || response.statusText);
  }
  return data;
}

function usersQuery({ limit, cursor, q, ids, status } = {}) {
  const query = new URLSearchParams();
  if (limit) query.set('limit', limit);
  if (cursor) query.set('cursor', cursor);
  if (q) query.set('q', q);
  if (ids?.length) query.set('ids', ids.join(','));
  if (status) query.set('status', status);
  return query.toString();
}

export const api = {
  session: () => call('GET', 'me'),
  setPreferences: (prefs) => call('PATCH', 'me/preferences', prefs),
  // A page of the users column ({users, nextCursor}); params: limit, cursor, q, ids (array), status.
  users: (params = {}, refresh = false) => call('GET', `users?${usersQuery(params)}`, undefined, undefined, refresh ? background : {}),
  updateUser: (id, changes) => call('PATCH', `users/${encodeURIComponent(id)}`, changes),
  removeAvatar: (id) => call('DELETE', `users/${encodeURIComponent(id)}/avatar`),
  uploadAvatar: (id, file) => call('PUT', `users/${encodeURIComponent(id)}/avatar`, file, file.type || 'application/octet-stream'),
  channels: (refresh = false) => call('GET', 'channels', undefined, undefined, refresh ? background : {}),
  publicChannels: (after) => call('GET', `channels/public?limit=200${after ? `&after=${encodeURIComponent(after)}` : ''}`),
  createChannel: (channel) => call('POST', 'channels', channel),
  updateChannel: (id, changes) => call('PATCH', `channels/${id}`, changes),
  join: (id, userId) => call('POST', `channels/${id}/members`, { userId }),
  leave: (id, userId) => call('DELETE', `channels/${id}/members/${encodeURIComponent(userId)}`),
  members: (id) => call('GET', `channels/${id}/members`),
  changeRole: (id, userId, role) => call('PATCH', `channels/${id}/members/${encodeURIComponent(userId)}`, { role }),
  posts: (id, before, limit = 50, refresh = false) => call('GET',
    `channels/${id}/posts?limit=${limit}${before ? `&before=${before}` : ''}`, undefined, undefined, refresh ? background : {}),
  send: (id, post) => call('POST', `channels/${id}/posts`, post),
  editPost: (id, message) => call('PATCH', `posts/${id}`, { message }),
  deletePost: (id) => call('DELETE', `posts/${id}`),
  markRead: (id, { leaving = false } = {}) => call('POST', `channels/${id}/read`, undefined, undefined, {}, leaving),
  emoji: () => call('GET', 'emoji'),
  typing: (id) => call('POST', `channels/${id}/typing`),
  activity: () => call('POST', 'me/activity'),
};
