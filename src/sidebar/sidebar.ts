// The sidebar client. Cell text only ever reaches the page through textContent, never as HTML.
function render(): void {
  const app = document.getElementById('app');
  if (!app) return;
  const title = document.createElement('h1');
  title.textContent = 'Pandian 盘点';
  app.replaceChildren(title);
}

render();
