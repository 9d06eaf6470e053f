export declare const specPath: string;
export declare const typesPath: string;
export declare function generate(): Promise<string>;
