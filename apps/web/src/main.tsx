import { releaseFirstScreen } from './first-screen';
import { detectLanguage, loadWords } from './language';

/**
 * The page's only script, kept tiny: it decides the language at once and asks for that language's words
 * alongside the app's code (which index.html already preloads), so neither waits for the other; and it starts
 * the session check as soon as the session's own small module is in.
 * Until the app renders, index.html's own skeleton is on screen.
 */
const language = detectLanguage();
// Whether someone is signed in is asked now, with the app's code still on its way, not after it has run.
import('./session/session-store').then((session) => session.checkSession()).catch(() => undefined);
Promise.all([import('./root'), loadWords(language)])
  .then(([root, words]) => root.start(language, words))
  .catch((error: unknown) => {
    // A chunk that did not arrive (the network dropped): say so in both languages instead of a skeleton forever.
    // eslint-disable-next-line no-console -- the one trace of why, for whoever opens the console
    console.error(error);
    releaseFirstScreen();
    const root = document.getElementById('root');
    if (root) {
      root.innerHTML = '';
      const message = document.createElement('p');
      message.setAttribute('role', 'alert');
      message.className = 'boot-failed';
      message.textContent = '助联没能加载，请检查网络后刷新页面。Zhulian could not load: check the connection and reload the page.';
      root.append(message);
    }
  });
