// The fake Ui (menus, alerts, prompts, sidebars, dialogs) and HtmlService. Everything the user would see is
// recorded in the execution's UiLog; alert and prompt answers come from what the test queued there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Button, ButtonSet, SandboxMode, XFrameOptionsMode } from './enums';
import { instrument, type MenuEntry, type MenuRecord, type Runtime, Service } from './runtime';

export class FakeUi extends Service {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;

  createMenu(caption: string): FakeMenu {
    return new FakeMenu(this.rt, { caption, addon: false, items: [] });
  }

  createAddonMenu(): FakeMenu {
    return new FakeMenu(this.rt, { caption: null, addon: true, items: [] });
  }

  /** alert(prompt), alert(prompt, buttons) or alert(title, prompt, buttons); returns the queued button. */
  alert(...args: string[]): string {
    const { title, prompt, buttons } = dialogArgs(args);
    const response = this.rt.ui.nextAlertAnswer(firstButton(buttons));
    this.rt.ui.log.push({ type: 'alert', title, prompt, buttons, response });
    return response;
  }

  /** prompt(prompt), prompt(prompt, buttons) or prompt(title, prompt, buttons). */
  prompt(...args: string[]): FakePromptResponse {
    const { title, prompt, buttons } = dialogArgs(args, 'OK');
    const answer = this.rt.ui.nextPromptAnswer(firstButton(buttons));
    this.rt.ui.log.push({
      type: 'prompt',
      title,
      prompt,
      buttons,
      response: answer.button,
      text: answer.text,
    });
    return new FakePromptResponse(this.rt, answer.text, answer.button);
  }

  showSidebar(userInterface: FakeHtmlOutput): void {
    this.rt.ui.log.push({ type: 'sidebar', title: userInterface.title, content: userInterface.content });
  }

  showModalDialog(userInterface: FakeHtmlOutput, title: string): void {
    this.rt.ui.log.push(dialog(userInterface, title, true));
  }

  showModelessDialog(userInterface: FakeHtmlOutput, title: string): void {
    this.rt.ui.log.push(dialog(userInterface, title, false));
  }
}

function dialogArgs(args: string[], fallback = 'OK'): { title: string; prompt: string; buttons: string } {
  const isButtons = (v: unknown) => typeof v === 'string' && v in ButtonSet;
  if (args.length >= 3) return { title: String(args[0]), prompt: String(args[1]), buttons: String(args[2]) };
  if (args.length === 2 && isButtons(args[1]))
    return { title: '', prompt: String(args[0]), buttons: args[1] };
  if (args.length === 2) return { title: String(args[0]), prompt: String(args[1]), buttons: fallback };
  return { title: '', prompt: String(args[0] ?? ''), buttons: fallback };
}

function firstButton(buttons: string): string {
  return buttons.startsWith('YES') ? Button.YES : Button.OK;
}

function dialog(html: FakeHtmlOutput, title: string, modal: boolean) {
  return {
    type: 'dialog' as const,
    modal,
    title,
    content: html.content,
    width: html.width,
    height: html.height,
  };
}

export class FakeMenu extends Service {
  constructor(
    rt: Runtime,
    readonly record: MenuRecord,
  ) {
    super(rt);
  }

  addItem(caption: string, functionName: string): FakeMenu {
    this.record.items.push({ caption, functionName });
    return this;
  }

  addSeparator(): FakeMenu {
    this.record.items.push({ separator: true });
    return this;
  }

  addSubMenu(menu: FakeMenu): FakeMenu {
    this.record.items.push({ caption: menu.record.caption ?? '', items: menu.record.items });
    return this;
  }

  addToUi(): void {
    this.rt.ui.log.push({ type: 'menu', menu: { ...this.record, items: copyEntries(this.record.items) } });
  }
}

function copyEntries(items: MenuEntry[]): MenuEntry[] {
  return items.map((item) =>
    'items' in item ? { caption: item.caption, items: copyEntries(item.items) } : { ...item },
  );
}

export class FakePromptResponse extends Service {
  constructor(
    rt: Runtime,
    private readonly text: string,
    private readonly button: string,
  ) {
    super(rt);
  }

  getResponseText(): string {
    return this.text;
  }

  getSelectedButton(): string {
    return this.button;
  }
}

export class FakeHtmlService extends Service {
  readonly XFrameOptionsMode = XFrameOptionsMode;
  readonly SandboxMode = SandboxMode;

  createHtmlOutput(html = ''): FakeHtmlOutput {
    return new FakeHtmlOutput(this.rt, String(html));
  }

  /** Reads `${name}.html` (or `name` if it ends in .html) from the sandbox's dist folder. */
  createHtmlOutputFromFile(filename: string): FakeHtmlOutput {
    const file = filename.endsWith('.html') ? filename : `${filename}.html`;
    let content: string;
    try {
      content = readFileSync(join(this.rt.distDir, file), 'utf8');
    } catch {
      throw this.rt.error(`No HTML file named ${filename} was found.`);
    }
    return new FakeHtmlOutput(this.rt, content);
  }
}

export class FakeHtmlOutput extends Service {
  title = '';
  width = 300;
  height = 200;
  readonly metaTags: { name: string; content: string }[] = [];
  xFrameOptionsMode: string = XFrameOptionsMode.DEFAULT;
  sandboxMode: string = SandboxMode.IFRAME;

  constructor(
    rt: Runtime,
    public content: string,
  ) {
    super(rt);
  }

  getContent(): string {
    return this.content;
  }

  setContent(content: string): FakeHtmlOutput {
    this.content = String(content);
    return this;
  }

  append(addedContent: string): FakeHtmlOutput {
    this.content += String(addedContent);
    return this;
  }

  clear(): FakeHtmlOutput {
    this.content = '';
    return this;
  }

  getTitle(): string {
    return this.title;
  }

  setTitle(title: string): FakeHtmlOutput {
    this.title = String(title);
    return this;
  }

  getWidth(): number {
    return this.width;
  }

  setWidth(width: number): FakeHtmlOutput {
    this.width = width;
    return this;
  }

  getHeight(): number {
    return this.height;
  }

  setHeight(height: number): FakeHtmlOutput {
    this.height = height;
    return this;
  }

  setXFrameOptionsMode(mode: string): FakeHtmlOutput {
    this.xFrameOptionsMode = String(mode);
    return this;
  }

  setSandboxMode(mode: string): FakeHtmlOutput {
    this.sandboxMode = String(mode);
    return this;
  }

  addMetaTag(name: string, content: string): FakeHtmlOutput {
    this.metaTags.push({ name, content });
    return this;
  }
}

instrument(FakeUi, 'Ui');
instrument(FakeMenu, 'Menu');
instrument(FakePromptResponse, 'PromptResponse');
// HTML can be generated in a custom function; only showing it (Ui) is refused.
instrument(FakeHtmlService, 'HtmlService', { writes: null });
instrument(FakeHtmlOutput, 'HtmlOutput', { writes: null });
