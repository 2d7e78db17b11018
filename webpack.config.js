// Builds the add-in's static files into dist/addin: the task pane, the ribbon commands' function file, the
// sign-in dialog, the support page, the sandbox Outlook host, icons and the manifest; and the admin console page
// (admin.html, served by the sync service at /admin/, which sets its CSP header; its JS is its own entry, so the
// task pane's bundle does not carry it).
//   npm run build            production build (set ADDIN_PUBLIC_URL to also write a production manifest.xml)
//   npx webpack serve        https://localhost:3000 for sideloading (office-addin-dev-certs certificate)
// Configuration baked into the pages (all optional): CRM_SYNC_API_URL (service origin, '' = same origin),
// CRM_SYNC_CLIENT_ID, CRM_SYNC_AUTHORITY, CRM_SYNC_API_SCOPE. In development they default to the sandbox tenant.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import CopyPlugin from 'copy-webpack-plugin';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import webpack from 'webpack';
// Node 22 runs these TypeScript files directly (type stripping); they import nothing but node built-ins.
import { addinContentSecurityPolicy } from './scripts/addin-csp.ts';
import { buildProductionManifest } from './scripts/build-manifest.ts';
import { DEMO_TENANT } from './src/sandbox/common/demo-tenant.ts';

const root = dirname(fileURLToPath(import.meta.url));
const OUTLOOK_HOST_ENTRY = './src/sandbox/outlook-host/main.ts';

/**
 * The task pane's first download, gzip (what `npm run bench:taskpane` reports): a production build over it fails.
 * The pane's own language, its links and people sections load on demand (import()) to stay under it.
 */
const INITIAL_GZIP_LIMITS = { taskpane: 180 * 1024 };

/** Prints raw and gzip sizes of the JS each page loads before it can run (its initial chunks); enforces the limits. */
class InitialChunkSizePlugin {
  constructor(limits = {}) {
    this.limits = limits;
  }

  apply(compiler) {
    compiler.hooks.afterEmit.tap('InitialChunkSizePlugin', (compilation) => {
      const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
      for (const [name, entrypoint] of compilation.entrypoints) {
        let raw = 0;
        let gzip = 0;
        for (const file of entrypoint.getFiles().filter((f) => f.endsWith('.js'))) {
          const path = resolve(compilation.outputOptions.path, file);
          if (!existsSync(path)) continue;
          const buffer = readFileSync(path);
          raw += buffer.length;
          gzip += gzipSync(buffer, { level: 9 }).length;
        }
        console.warn(`[initial JS] ${name}: ${kb(raw)} raw, ${kb(gzip)} gzip`);
        const limit = this.limits[name];
        if (limit !== undefined && gzip > limit) {
          compilation.errors.push(new webpack.WebpackError(`initial JS of ${name} is ${kb(gzip)} gzip, over its limit of ${kb(limit)}: load more of it on demand`));
        }
      }
    });
  }
}

function addinConfig(production) {
  const sandbox = !production;
  return {
    apiBaseUrl: process.env.CRM_SYNC_API_URL ?? '',
    clientId: process.env.CRM_SYNC_CLIENT_ID ?? (sandbox ? DEMO_TENANT.addinApp.clientId : ''),
    authority: process.env.CRM_SYNC_AUTHORITY ?? 'https://login.microsoftonline.com/organizations',
    apiScopes: [process.env.CRM_SYNC_API_SCOPE ?? (sandbox ? `${DEMO_TENANT.serviceApp.appIdUri}/access_as_user` : '')].filter(Boolean),
  };
}

async function devServerHttps() {
  // Only for `webpack serve`: office-addin-dev-certs creates and trusts a localhost certificate.
  const devCerts = await import('office-addin-dev-certs');
  return devCerts.getHttpsServerOptions();
}

export default async (_env, argv) => {
  const production = argv.mode === 'production';
  const config = addinConfig(production);
  if (production && (!config.clientId || config.apiScopes.length === 0)) {
    console.warn('warning: CRM_SYNC_CLIENT_ID / CRM_SYNC_API_SCOPE are not set; the pane will not be able to sign in.');
  }
  const publicUrl = process.env.ADDIN_PUBLIC_URL;
  // Every page carries its Content-Security-Policy (scripts/addin-csp.ts), whatever host serves it: each template
  // writes `csp` into a <meta http-equiv> first thing in its <head>, so the policy covers the whole page.
  const csp = addinContentSecurityPolicy(config);
  const html = (chunk, template, filename) => new HtmlWebpackPlugin({ filename, template, chunks: chunk ? [chunk] : [], scriptLoading: 'defer', csp });
  const hasOutlookHost = existsSync(resolve(root, OUTLOOK_HOST_ENTRY));

  const addin = {
    name: 'addin',
    mode: production ? 'production' : 'development',
    // No eval-based source maps in development: the pages' CSP allows no eval, in development as in production.
    devtool: production ? 'source-map' : 'cheap-module-source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
      'auth-dialog': './src/addin/auth/dialog-page.ts',
      ...(hasOutlookHost ? { 'outlook-host': OUTLOOK_HOST_ENTRY } : {}),
    },
    output: {
      path: resolve(root, 'dist/addin'),
      filename: production ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: production ? '[name].[contenthash:8].js' : '[name].js',
      publicPath: 'auto',
      // The admin console's files (the second build below) are not the add-in's to clean away.
      clean: { keep: /^admin[.-]/ },
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
      // Sources import './x.js' (NodeNext ESM); the files are .ts/.tsx.
      extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            // Type-checking is `npm run typecheck`'s job; here only transpile, as ES modules for tree shaking.
            options: { transpileOnly: true, compilerOptions: { module: 'esnext', moduleResolution: 'bundler', sourceMap: true } },
          },
        },
      ],
    },
    optimization: { splitChunks: { chunks: 'all' } },
    performance: { hints: production ? 'warning' : false, maxEntrypointSize: 700_000, maxAssetSize: 700_000 },
    plugins: [
      new webpack.DefinePlugin({ __CRM_SYNC_ADDIN_CONFIG__: JSON.stringify(config) }),
      html('taskpane', './src/taskpane/taskpane.html', 'taskpane.html'),
      html('commands', './src/commands/commands.html', 'commands.html'),
      html('auth-dialog', './src/addin/auth/auth-dialog.html', 'auth-dialog.html'),
      html(null, './src/taskpane/support.html', 'support.html'),
      ...(hasOutlookHost ? [html('outlook-host', './src/sandbox/outlook-host/outlook-host.html', 'outlook-host.html')] : []),
      new CopyPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            // A production build served from ADDIN_PUBLIC_URL carries its own manifest.
            transform: (content) => (production && publicUrl ? buildProductionManifest(content.toString(), publicUrl) : content),
          },
        ],
      }),
      // Development builds are unminified: the limit is for what users download.
      new InitialChunkSizePlugin(production ? INITIAL_GZIP_LIMITS : {}),
    ],
    devServer: {
      port: 3000,
      server: process.env.WEBPACK_SERVE ? { type: 'https', options: await devServerHttps() } : 'http',
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false,
    },
  };

  // The admin console (admin.html, served by the sync service at /admin/ with its own CSP header) is a build of its
  // own into the same folder: sharing the add-in's chunk splitting would reshuffle the task pane's chunks (and grow
  // them); apart, the task pane's bundle is byte for byte what it was, and the console's JS is loaded by it alone.
  const admin = {
    name: 'admin',
    dependencies: ['addin'],
    mode: addin.mode,
    devtool: addin.devtool,
    entry: { admin: './src/admin/index.tsx' },
    output: {
      path: addin.output.path,
      filename: production ? 'admin.[contenthash:8].js' : 'admin.js',
      chunkFilename: production ? 'admin-[name].[contenthash:8].js' : 'admin-[name].js',
      publicPath: 'auto',
      clean: false,
    },
    resolve: addin.resolve,
    module: addin.module,
    performance: addin.performance,
    plugins: [new HtmlWebpackPlugin({ filename: 'admin.html', template: './src/admin/admin.html', scriptLoading: 'defer' }), new InitialChunkSizePlugin()],
  };
  return [addin, admin];
};

