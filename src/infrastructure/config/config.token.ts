export const CONFIG = Symbol('AppConfig');
