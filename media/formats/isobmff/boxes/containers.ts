import { registerBoxes } from '../box-registry.js';

/** Boxes whose body is only other boxes. */
registerBoxes(
  { type: 'moov', title: 'Movie Box', spec: 'ISO/IEC 14496-12 8.2.1', container: true },
  { type: 'trak', title: 'Track Box', spec: 'ISO/IEC 14496-12 8.3.1', container: true },
  { type: 'edts', title: 'Edit Box', spec: 'ISO/IEC 14496-12 8.6.5', container: true },
  { type: 'mdia', title: 'Media Box', spec: 'ISO/IEC 14496-12 8.4.1', container: true },
  { type: 'minf', title: 'Media Information Box', spec: 'ISO/IEC 14496-12 8.4.4', container: true },
  { type: 'dinf', title: 'Data Information Box', spec: 'ISO/IEC 14496-12 8.7.1', container: true },
  { type: 'stbl', title: 'Sample Table Box', spec: 'ISO/IEC 14496-12 8.5.1', container: true },
  { type: 'mvex', title: 'Movie Extends Box', spec: 'ISO/IEC 14496-12 8.8.1', container: true },
  { type: 'moof', title: 'Movie Fragment Box', spec: 'ISO/IEC 14496-12 8.8.4', container: true },
  { type: 'traf', title: 'Track Fragment Box', spec: 'ISO/IEC 14496-12 8.8.6', container: true },
  { type: 'mfra', title: 'Movie Fragment Random Access Box', spec: 'ISO/IEC 14496-12 8.8.9', container: true },
  { type: 'udta', title: 'User Data Box', spec: 'ISO/IEC 14496-12 8.10.1', container: true },
  { type: 'sinf', title: 'Protection Scheme Information Box', spec: 'ISO/IEC 14496-12 8.12.1', container: true },
  { type: 'schi', title: 'Scheme Information Box', spec: 'ISO/IEC 14496-12 8.12.6', container: true },
);
