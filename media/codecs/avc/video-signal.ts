import type { Display } from '../../model/field-reader.js';
import type { NalContext } from './nal-context.js';
import { COLOUR_PRIMARIES, MATRIX_COEFFICIENTS, TRANSFER_CHARACTERISTICS } from '../h273-colour.js';
import { VIDEO_FORMATS } from './names.js';

/**
 * The VUI syntax H.264 (E.1.1) and H.265 (E.2.1) share word for word after the aspect ratio: overscan,
 * the video signal type with its colour description, and the chroma sample location. Only two spellings differ, so the caller gives
 * them: H.265 names the matrix `matrix_coeffs`, and H.264 shows the range of video_full_range_flag.
 */
export function readVuiSignalInfo(ctx: NalContext, matrixName: 'matrix_coefficients' | 'matrix_coeffs', fullRangeDisplay?: Display): void {
  const r = ctx.r;
  if (r.flag('overscan_info_present_flag')) r.flag('overscan_appropriate_flag');
  if (r.flag('video_signal_type_present_flag')) {
    r.u(3, 'video_format', VIDEO_FORMATS);
    r.flag('video_full_range_flag', fullRangeDisplay);
    if (r.flag('colour_description_present_flag')) {
      r.u8('colour_primaries', COLOUR_PRIMARIES);
      r.u8('transfer_characteristics', TRANSFER_CHARACTERISTICS);
      r.u8(matrixName, MATRIX_COEFFICIENTS);
    }
  }
  if (r.flag('chroma_loc_info_present_flag')) {
    ctx.ue('chroma_sample_loc_type_top_field', 5);
    ctx.ue('chroma_sample_loc_type_bottom_field', 5);
  }
}
