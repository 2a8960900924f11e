import { ipcMain } from 'electron';
import { registerIpcHandlers, type IpcRegistrarOptions } from './ipc-registrar.js';

/**
 * The only place the app touches `ipcMain` (lint refuses it elsewhere in main/electron): the contract's handlers, one
 * per operation, each checking its sender. Conventions: GitHub Desktop bans raw ipcMain outside its typed registrar.
 */
export function registerContractIpc(engine: Parameters<typeof registerIpcHandlers>[1], options: IpcRegistrarOptions): () => void {
  return registerIpcHandlers(ipcMain, engine, options);
}
