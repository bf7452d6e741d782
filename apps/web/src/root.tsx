import { ApolloProvider } from '@apollo/client/react';
import { App as AntApp, ConfigProvider } from 'antd';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router-dom';
import { createApolloClient } from './apollo';
import { createAppRouter, preloadPage } from './App';
import { FIRST_SCREEN_MAX_MS, releaseFirstScreen } from './first-screen';
import { currentLanguage, startI18n } from './i18n';
import { antdLocale, Language, Words } from './language';

function Root({ client, router }: { client: ReturnType<typeof createApolloClient>; router: ReturnType<typeof createAppRouter> }) {
  useTranslation(); // re-render on a language switch
  const language = currentLanguage();
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return (
    <ConfigProvider locale={antdLocale(language)} theme={{ token: { fontSize: 15 } }}>
      <AntApp>
        <ApolloProvider client={client}>
          <RouterProvider router={router} />
        </ApolloProvider>
      </AntApp>
    </ConfigProvider>
  );
}

/** The app, once `main.tsx` has its code and the words of the person's language. */
export async function start(language: Language, words: Words): Promise<void> {
  preloadPage(window.location.pathname);
  await startI18n(language, words);
  const client = createApolloClient();
  const router = createAppRouter();
  // A first screen the server drew never outstays the app that replaces it, whatever the page does.
  setTimeout(releaseFirstScreen, FIRST_SCREEN_MAX_MS);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Root client={client} router={router} />
    </StrictMode>,
  );
}
