// The tsconfig resolves modules the "node10" way, which ignores package.json "exports"; the vscode-languageserver
// family publishes its types only through "exports". esbuild resolves the real code; these ambient shims point
// tsc at the same files. Delete this file if tsconfig moves to moduleResolution node16/bundler.
declare module 'vscode-jsonrpc' { export * from 'vscode-jsonrpc/lib/common/api'; }
declare module 'vscode-jsonrpc/node' { export * from 'vscode-jsonrpc/lib/node/main'; }
declare module 'vscode-languageserver-protocol' { export * from 'vscode-languageserver-protocol/lib/common/api'; }
declare module 'vscode-languageserver-protocol/node' { export * from 'vscode-languageserver-protocol/lib/node/main'; }
declare module 'vscode-languageserver' { export * from 'vscode-languageserver/lib/common/api'; }
declare module 'vscode-languageserver/node' { export * from 'vscode-languageserver/lib/node/main'; }
declare module 'vscode-languageclient' { export * from 'vscode-languageclient/lib/common/api'; }
declare module 'vscode-languageclient/node' { export * from 'vscode-languageclient/lib/node/main'; }
