// The page's entry: a few kB that start the parse worker, then load the app (its own, larger chunk).
// A file given on the command line arrives as soon as the app connects. A worker started by the app
// itself would still be loading then, and until it reports in, the window holds back the parse message
// while it paints the new tab: measured ~100 ms of the 300 ms budget for a first tree.
import './app.css';
import { prewarmParseWorker } from './lib/parse-client.js';

prewarmParseWorker();
await import('./mount-app.js');
