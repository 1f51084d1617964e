// The tab title has two writers: the page (its name) and the timer (the running task and its
// elapsed time, in front). Each sets its own part here, so neither overwrites the other.

const APP_NAME = 'DevTrackr';
let page = '';
let prefix = '';

function render(): void {
  const base = page === '' ? APP_NAME : `${page} · ${APP_NAME}`;
  document.title = prefix === '' ? base : `${prefix} ${base}`;
}

/** The current page's name ("Tasks"); PageHeader sets it. */
export function setPageTitle(title: string): void {
  page = title;
  render();
}

/** Text in front of the page title (the timer's "▶ 0:12:04 Fix login"); '' removes it. */
export function setTitlePrefix(text: string): void {
  prefix = text;
  render();
}
