import type { safetyKo } from './safety.ko';

export const safetyEn: Record<keyof typeof safetyKo, string> = {
  'token.missingTitle': 'OpsDeck needs its access link',
  'token.missingBody': 'This address has no access token, so the console cannot open. Open the link printed in the terminal where "opsdeck serve" runs (the address with ?token=).',
  'token.rejectedTitle': 'This link no longer works',
  'token.rejectedBody': 'OpsDeck refused this link\'s access token. The tokens may have been replaced (opsdeck token rotate), or part of the link is missing. Get the new link and open it.',
  'token.howToFind': 'Cannot find that terminal? On that computer, "npx opsdeck token show" prints the tokens again, with the read-only wall link.',

  'wall.noData': 'No data for {age}',
  'wall.noDataBanner': 'No data from the engine for {age}. Statuses on this screen are unknown.',
  'wall.exit': 'Leave the wall (Esc)',
  'wall.sound': 'Turn on the critical alert sound',
  'wall.soundOn': 'Critical alert sound on',
  'wall.page.all': 'All services',
  'wall.page.incidents': 'Active incidents',
  'wall.page.service': 'Service: {name}',
  'wall.page.counter': 'Screen {index} of {count}',
  'wall.noIncidents': 'No active incidents.',

  'storage.full': 'The disk of the data folder is full. Monitoring goes on, but history is not being saved. Free space in {dir} and OpsDeck saves again by itself ({pending} readings waiting).',
  'storage.io': 'The data folder had an I/O error. Monitoring goes on, but history is not being saved. Check the disk of {dir}; OpsDeck saves again by itself once it works.',
  'storage.readOnly': 'The data folder is read-only. Monitoring goes on, but history is not being saved. Make {dir} writable or remount it.',

  'error.TOKEN_REQUIRED': 'The access token is missing or wrong. Open the link that "opsdeck serve" printed.',
  'error.FORBIDDEN': 'This link is read-only (the wall\'s link). Open the operator\'s link to change anything.',
  'error.STORAGE_FULL': 'Not saved: the disk is full. Nothing was half-saved. Free space in the data folder, then try again.',
  'error.STORAGE_IO': 'Not saved: the disk reported an I/O error. Nothing was half-saved. Check the disk, then try again.',
  'error.STORAGE_READONLY': 'Not saved: the data folder is read-only. Check its permissions, then try again.',
  'error.AUTH_BACKOFF': 'The server refused the login. OpsDeck tries again in a few minutes so the server does not block this computer. Check the user name and key in the inventory.',
  'error.AUTH_STOPPED': 'The server refused the login several times, so OpsDeck stopped trying. Fix the login in the inventory and save it to try again.',

  'sshError.AUTH_BACKOFF': 'Login refused: retrying in minutes',
  'sshError.AUTH_STOPPED': 'Login refused: stopped retrying',
  'inventory.form.secretDropped': 'Changing the address, port, user, jump host or host-key policy deletes the stored password or passphrase, so it is never sent to the new destination. Enter it again.',
};
