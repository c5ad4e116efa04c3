// A stand-in for the 'electron' module (its binary cannot run here): records what main.ts and preload.ts ask of it.
import { vi } from 'vitest';

export type Fn = (...args: unknown[]) => unknown;

/** on/once/emit, like Electron's EventEmitters. */
export class FakeEmitter {
  readonly listeners = new Map<string, Fn[]>();
  on(name: string, fn: Fn): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
    return this;
  }
  once(name: string, fn: Fn): this {
    return this.on(name, fn);
  }
  emit(name: string, ...args: unknown[]): void {
    for (const fn of this.listeners.get(name) ?? []) fn(...args);
  }
}

export class FakeWebContents extends FakeEmitter {
  readonly send = vi.fn();
  readonly sendInputEvent = vi.fn();
  windowOpenHandler: Fn | null = null;
  setWindowOpenHandler(fn: Fn): void {
    this.windowOpenHandler = fn;
  }
}

/** A navigation-style event whose preventDefault we can observe. */
export function fakeEvent(extra: Record<string, unknown> = {}): { preventDefault: ReturnType<typeof vi.fn>; defaultPrevented: () => boolean } & Record<string, unknown> {
  const preventDefault = vi.fn();
  return { preventDefault, defaultPrevented: () => preventDefault.mock.calls.length > 0, ...extra };
}

export function createElectronFake() {
  let resolveReady: () => void = () => undefined;
  const state = {
    lock: true,
    packaged: false,
    userData: '/nonexistent',
    windows: [] as FakeWindow[],
    ipcHandlers: new Map<string, Fn>(),
    protocolHandlers: new Map<string, Fn>(),
    menuTemplates: [] as unknown[],
  };

  class FakeWindow extends FakeEmitter {
    readonly webContents = new FakeWebContents();
    readonly loadURL = vi.fn(() => Promise.resolve());
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    constructor(readonly options: Record<string, unknown>) {
      super();
      state.windows.push(this);
    }
    isDestroyed(): boolean {
      return false;
    }
    isMinimized(): boolean {
      return false;
    }
    show(): void {}
    static getAllWindows(): FakeWindow[] {
      return state.windows;
    }
  }

  const appEmitter = new FakeEmitter();
  const ready = new Promise<void>((r) => (resolveReady = r));
  // A getter (Object.assign would copy the value once): tests set state.packaged after creating the fake.
  Object.defineProperty(appEmitter, 'isPackaged', { get: () => state.packaged });
  const electron = {
    app: Object.assign(appEmitter, {
      requestSingleInstanceLock: vi.fn(() => state.lock),
      quit: vi.fn(),
      enableSandbox: vi.fn(),
      whenReady: vi.fn(() => ready),
      getVersion: () => '9.9.9',
      getPath: vi.fn(() => state.userData),
    }),
    BrowserWindow: FakeWindow,
    ipcMain: { handle: vi.fn((channel: string, fn: Fn) => void state.ipcHandlers.set(channel, fn)) },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: vi.fn((scheme: string, fn: Fn) => void state.protocolHandlers.set(scheme, fn)),
    },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    dialog: {
      showOpenDialog: vi.fn((..._args: unknown[]) => Promise.resolve({ canceled: false, filePaths: ['/picked/a.mp4', '/picked/b.flv'] })),
      showMessageBox: vi.fn(() => Promise.resolve({ response: 0 })),
    },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown) => {
        state.menuTemplates.push(template);
        return { template };
      }),
      setApplicationMenu: vi.fn(),
    },
    net: {
      fetch: vi.fn((_url: string) => Promise.resolve(new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } }))),
    },
  };
  return { electron, state, ready: () => resolveReady() };
}

export type ElectronFake = ReturnType<typeof createElectronFake>;
