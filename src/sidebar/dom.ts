// Building the sidebar's DOM. Text, including every cell value, goes in as text nodes; nothing here parses HTML.
export type Child = Node | string | number | null | undefined | false;

export interface Props {
  id?: string;
  className?: string;
  /** Attributes set with setAttribute (aria-*, role, for, type…); false or undefined leaves one out. */
  attrs?: Record<string, string | number | boolean | undefined>;
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
}

/** An element with props and children; strings become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props?.id) el.id = props.id;
  if (props?.className) el.className = props.className;
  for (const [name, value] of Object.entries(props?.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [type, listener] of Object.entries(props?.on ?? {})) {
    el.addEventListener(type, listener as EventListener);
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(
      typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child,
    );
  }
}

/** Replaces an element's children. */
export function fill(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

let uid = 0;
/** A fresh id for label/aria wiring of elements that are not restored across renders. */
export function nextId(prefix: string): string {
  uid++;
  return `${prefix}-${uid}`;
}

/** A labelled form control: <label for> + the control, stacked. */
export function field(
  label: string,
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  hint?: string,
): HTMLElement {
  if (!control.id) control.id = nextId('f');
  const parts: Child[] = [h('label', { attrs: { for: control.id } }, label), control];
  if (hint) {
    const hintId = `${control.id}-hint`;
    control.setAttribute('aria-describedby', hintId);
    parts.push(h('span', { id: hintId, className: 'hint' }, hint));
  }
  return h('div', { className: 'field' }, ...parts);
}

export function option(value: string, label: string, selected = false): HTMLOptionElement {
  const o = h('option', { attrs: { value } }, label);
  o.selected = selected;
  return o;
}

export function button(
  label: string,
  onClick: (event: MouseEvent) => void,
  kind: 'action' | 'action small' | 'secondary' | 'link' = 'secondary',
  attrs: Props['attrs'] = {},
): HTMLButtonElement {
  return h('button', { className: kind, attrs: { type: 'button', ...attrs }, on: { click: onClick } }, label);
}
