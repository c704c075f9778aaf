const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/** "20 a day", or "no limit" for null. */
export const formatDailyLimit = (limit: number | null) =>
  limit === null ? "no limit" : `${limit} ${limit === 1 ? "question" : "questions"} a day`;

/** "$5.00 a month", or "no cap" for null. */
export const formatCap = (cap: number | null) => (cap === null ? "no cap" : `${usd.format(cap)} a month`);
