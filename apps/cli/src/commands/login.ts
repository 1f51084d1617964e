import type { CommandModule } from './types.js';

export const loginCommand: CommandModule = {
  register(program, ctx) {
    program
      .command('login')
      .description(
        'sign in: asks for email and password (or takes --token / DEVTRACKR_TOKEN) and saves a personal access token',
      )
      .option('--token <token>', 'a personal access token (dtk_…) to check and save; no prompt')
      .option('--email <email>', 'the email, so only the password is asked')
      .addHelpText(
        'after',
        '\nThe server is --url, DEVTRACKR_URL, or http://127.0.0.1:8000. The password is never stored.',
      )
      .action(async (options: { token?: string; email?: string }) => {
        const { login } = await import('./auth-action.js');
        await login(ctx, options);
      });
  },
};

export const logoutCommand: CommandModule = {
  register(program, ctx) {
    program
      .command('logout')
      .description('revoke the saved token on the server and forget it')
      .option('--forget', 'forget the token even if the server cannot be reached to revoke it')
      .action(async (options: { forget?: boolean }) => {
        const { logout } = await import('./auth-action.js');
        await logout(ctx, options);
      });
  },
};
