// What the browser says about our storage: how much is used, and whether it may evict it.
export interface StorageInfo {
  usage?: number;
  quota?: number;
  persisted: boolean;
  /** Safari deletes script-written data of sites not added to the home screen after 7 days unused. */
  evictsUnusedData: boolean;
}

export async function storageInfo(): Promise<StorageInfo> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  const estimate = storage?.estimate ? await storage.estimate() : undefined;
  const persisted = storage?.persisted ? await storage.persisted() : false;
  const ua = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  const safari = /safari/i.test(ua) && !/chrome|chromium|crios|android/i.test(ua);
  return {
    usage: estimate?.usage,
    quota: estimate?.quota,
    persisted,
    evictsUnusedData: safari && !persisted,
  };
}
