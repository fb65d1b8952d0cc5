import type { MessageContext } from 'vue-i18n';

/**
 * A compiled message. The app ships the runtime-only vue-i18n build (no message
 * compiler), so any message with placeholders is written as a function; plain strings
 * are shown as they are (no `{}`, `@` or `|` syntax is interpreted in them).
 */
export type MessageFn = (ctx: MessageContext<string>) => string;

const PLACEHOLDER = /\{(\w+)\}/g;

function interpolate(template: string, ctx: MessageContext<string>): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = ctx.named(name);
    return value === undefined || value === null ? '' : String(value);
  });
}

/** A message with `{name}` placeholders filled from the named arguments of `t()`. */
export function fmt(template: string): MessageFn {
  return (ctx) => interpolate(template, ctx);
}

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * A message that picks its form by the CLDR plural rules of `locale` for the named
 * argument `count` (e.g. Russian one/few/many), then fills its placeholders.
 */
export function plural(locale: string, forms: PluralForms): MessageFn {
  const rules = new Intl.PluralRules(locale);
  return (ctx) => {
    const count = Number(ctx.named('count'));
    const form = Number.isFinite(count) ? (forms[rules.select(count)] ?? forms.other) : forms.other;
    return interpolate(form, ctx);
  };
}

/**
 * `template` when every one of its placeholders has a value, else `fallback`: a refusal's
 * sentence names the people and dates when the server sent them, and says it plainly when not.
 */
export function fmtOr(template: string, fallback: string): MessageFn {
  const names = [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
  return (ctx) => {
    const complete = names.every((name) => {
      const value = ctx.named(name);
      return value !== undefined && value !== null && value !== '';
    });
    return interpolate(complete ? template : fallback, ctx);
  };
}

/** A message that picks its form by the value of the named argument `param` (`other` for any value it does not list). */
export function select(param: string, forms: Record<string, string> & { other: string }): MessageFn {
  return (ctx) => interpolate(forms[String(ctx.named(param))] ?? forms.other, ctx);
}
