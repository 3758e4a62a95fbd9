import fs from 'node:fs';
import path from 'node:path';

import express, { type RequestHandler } from 'express';

import { sendProblem } from './errorEnvelope.js';

/**
 * Serves the built dashboard. Vite names assets by content hash, so they may be cached for
 * a year; `index.html` names the current ones and must never be cached.
 */
export function dashboardAssets(clientDir: string): RequestHandler[] {
  const indexFile = path.join(clientDir, 'index.html');

  const serveIndex: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path !== '/' && req.path !== '/index.html') return next();
    if (!fs.existsSync(indexFile)) {
      sendProblem(res, {
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
        message: 'the dashboard is not built; run "npm run build" (npm start does it for you)',
      });
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  };

  const serveAssets = express.static(clientDir, {
    index: false,
    setHeaders(res, filePath) {
      const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
      res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  return [serveIndex, serveAssets];
}
