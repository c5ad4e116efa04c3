// Every box family registers itself on import; this list is the set Bitlens decodes.
import './file-boxes.js';
import './containers.js';
import './movie-extends.js';
import './fragment-header.js';
import './track-run.js';
import './segment-index.js';
import './random-access.js';
import './event-message.js';
import './piff-timing.js';
