import { INT_RANGES, MAX_PIECES, TEXT_RULES } from '@scf/ledger-contract';
import { DISPLAY_NAME_MAX, PASSWORD_LENGTH } from '@/domain/user-rules';

/**
 * The limits the portal's problem messages state, named for the messages' placeholders: the values
 * come from the rules themselves, so a message can never quote a limit the check does not apply.
 */
export const LIMIT_PARAMS = {
  nameMax: TEXT_RULES.name.max,
  documentNumberMax: TEXT_RULES.documentNumber.max,
  orderNumberMax: TEXT_RULES.orderNumber.max,
  placeMax: TEXT_RULES.place.max,
  goodsMax: TEXT_RULES.goods.max,
  unitMax: TEXT_RULES.unit.max,
  advanceRateMin: INT_RANGES.advanceRateBps.min,
  advanceRateMax: INT_RANGES.advanceRateBps.max,
  spreadMin: INT_RANGES.spreadBps.min,
  spreadMax: INT_RANGES.spreadBps.max,
  piecesMax: MAX_PIECES,
  passwordMin: PASSWORD_LENGTH.min,
  displayNameMax: DISPLAY_NAME_MAX,
} as const;
