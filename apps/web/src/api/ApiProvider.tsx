import { createContext, useContext, type ReactNode } from 'react';
import { api as defaultApi, type Api } from './client';

const ApiContext = createContext<Api>(defaultApi);

/** Provides the API instance; the app uses the default one, tests pass their own (fake fetch). */
export function ApiProvider({ api, children }: { api?: Api; children: ReactNode }) {
  return <ApiContext.Provider value={api ?? defaultApi}>{children}</ApiContext.Provider>;
}

/** The typed client and the session. Every API call in the app goes through `client`. */
export function useApi(): Api {
  return useContext(ApiContext);
}
