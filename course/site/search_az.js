/*
 * Azerbaijani light stemmer for Sphinx's search page: the JavaScript twin
 * of course/site/search_az.py, which fills in the quoted @...@ values and
 * documents the rules. Sphinx calls `new Stemmer().stemWord(word)` for each
 * query word, after lower-casing it with toLowerCase().
 */
var Stemmer = function () {
  const SUFFIXES = "@SUFFIXES@"; // longest first
  const VOWELS = "@VOWELS@";
  const MIN_STEM = "@MIN_STEM@";

  const fold = (text) =>
    text.replace(/I/g, "ı").replace(/İ/g, "i").toLowerCase()
      .replace(/\u0307/g, "").replace(/ı/g, "i");

  const hasVowel = (text) => [...text].some((letter) => VOWELS.includes(letter));

  this.stemWord = function (word) {
    word = fold(word);
    let stripped = true;
    while (stripped) {
      stripped = false;
      for (const suffix of SUFFIXES) {
        const rest = word.slice(0, -suffix.length);
        if (word.endsWith(suffix) && [...rest].length >= MIN_STEM && hasVowel(rest)) {
          word = rest;
          stripped = true;
          break;
        }
      }
    }
    // A final q or k turns voiced before a vowel: tapşırıq, tapşırığı.
    if (word.endsWith("ğ")) word = word.slice(0, -1) + "q";
    return word;
  };
};
