// Public pages are complete as the server renders them (charts are SVG, choices are forms and
// links): they ship no JavaScript, which slow connections and old phones are grateful for.
export const csr = false;
