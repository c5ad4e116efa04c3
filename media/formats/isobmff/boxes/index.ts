// Every box family registers itself on import; this list is the set Bitlens decodes.
import './file-boxes.js';
import './containers.js';
