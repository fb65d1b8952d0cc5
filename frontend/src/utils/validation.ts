const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
  return EMAIL.test(value.trim());
}

export type LoginFieldError = 'emailRequired' | 'emailInvalid' | 'passwordRequired';

export interface LoginErrors {
  email?: Extract<LoginFieldError, 'emailRequired' | 'emailInvalid'>;
  password?: Extract<LoginFieldError, 'passwordRequired'>;
}

/** Client-side checks of the sign-in form (the server checks again). */
export function validateLogin(input: { email: string; password: string }): LoginErrors {
  const errors: LoginErrors = {};
  const email = input.email.trim();
  if (!email) errors.email = 'emailRequired';
  else if (!isEmail(email)) errors.email = 'emailInvalid';
  if (!input.password) errors.password = 'passwordRequired';
  return errors;
}
