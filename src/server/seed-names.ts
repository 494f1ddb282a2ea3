/** The demo trust every demo account works for (no ODS code: it is not a real NHS body). */
export const DEMO_TRUST_NAME = "QI Academy Demo Community NHS Trust";
