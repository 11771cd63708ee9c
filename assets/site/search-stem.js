// The French Snowball stemmer, written from its published description
// (https://snowballstem.org/algorithms/french/stemmer.html), for the words
// of a search that no sheet holds (the index gives the stems of all the
// others). It must agree with the stemmer of `pacte search` on every word:
// a test compares them on the test catalogues.
"use strict";

(function () {
  const VOWELS = "aeiouyâàëéêèïîôûù";
  const isVowel = (c) => c !== undefined && VOWELS.includes(c);
  const chars = (text) => Array.from(text);

  // Marks u, i and y that act as consonants (upper case: no longer vowels).
  // The scan goes left to right and resumes after each match, as the
  // algorithm's `repeat goto` does.
  function prelude(w) {
    let i = 0;
    while (i < w.length) {
      const next = w[i + 1];
      if (isVowel(w[i]) && (next === "u" || next === "i") && isVowel(w[i + 2])) {
        w[i + 1] = next.toUpperCase();
        i += 3;
      } else if (isVowel(w[i]) && next === "y") {
        w[i + 1] = "Y";
        i += 2;
      } else if (w[i] === "y" && isVowel(next)) {
        w[i] = "Y";
        i += 2;
      } else if (w[i] === "q" && next === "u") {
        w[i + 1] = "U";
        i += 2;
      } else {
        i += 1;
      }
    }
  }

  // Where the region after the first non-vowel following a vowel starts,
  // looking from `from`.
  function afterVowelConsonant(w, from) {
    let i = from;
    while (i < w.length && !isVowel(w[i])) i++;
    i++;
    while (i < w.length && isVowel(w[i])) i++;
    return Math.min(i + 1, w.length);
  }

  // The regions RV, R1 and R2, as the index where each starts.
  function regions(w) {
    const n = w.length;
    let rv = n;
    const start = w.slice(0, 3).join("");
    if (n >= 2 && isVowel(w[0]) && isVowel(w[1])) {
      rv = Math.min(3, n);
    } else if (n >= 3 && (start === "par" || start === "col" || start === "tap")) {
      rv = 3;
    } else {
      for (let i = 1; i < n; i++) {
        if (isVowel(w[i])) {
          rv = i + 1;
          break;
        }
      }
    }
    const r1 = afterVowelConsonant(w, 0);
    const r2 = afterVowelConsonant(w, r1);
    return { rv, r1, r2 };
  }

  // A word being stemmed: its letters and regions, and suffix tests.
  class Word {
    constructor(text) {
      this.w = chars(text);
      prelude(this.w);
      Object.assign(this, regions(this.w));
    }
    ends(suffix) {
      const s = chars(suffix);
      if (s.length > this.w.length) return false;
      return s.every((c, k) => this.w[this.w.length - s.length + k] === c);
    }
    // The longest of `suffixes` the word ends with, not starting before
    // `limit`; with its start.
    longest(suffixes, limit = 0) {
      let best = null;
      for (const s of suffixes) {
        const start = this.w.length - chars(s).length;
        if (start >= limit && this.ends(s) && (best === null || chars(s).length > chars(best).length)) {
          best = s;
        }
      }
      return best === null ? null : { suffix: best, start: this.w.length - chars(best).length };
    }
    cut(count) {
      this.w.length -= count;
    }
    replace(count, by) {
      this.w.length -= count;
      this.w.push(...chars(by));
    }
    before(k) {
      return this.w[this.w.length - k - 1];
    }
  }

  const list = (text) => text.split(" ");
  const STEP1 = {
    plain: list("ance iqUe isme able iste eux ances iqUes ismes ables istes"),
    ation: list("atrice ateur ation atrices ateurs ations"),
    logie: list("logie logies"),
    usion: list("usion ution usions utions"),
    ence: list("ence ences"),
    ement: list("ement ements"),
    ite: list("ité ités"),
    ive: list("if ive ifs ives"),
    eaux: ["eaux"],
    aux: ["aux"],
    euse: list("euse euses"),
    issement: list("issement issements"),
    amment: ["amment"],
    emment: ["emment"],
    ment: list("ment ments"),
  };
  const STEP1_ALL = Object.values(STEP1).flat();

  // Step 1, standard suffixes. Returns "done" when a suffix was removed,
  // "verb" when the word must go on to the verb steps (a -ment ending was
  // seen), or null when nothing applied.
  function standardSuffix(x) {
    const found = x.longest(STEP1_ALL);
    if (!found) return null;
    const { suffix, start } = found;
    const len = chars(suffix).length;
    const inR2 = (s) => s >= x.r2;
    const inR1 = (s) => s >= x.r1;
    const inRV = (s) => s >= x.rv;
    const is = (group) => STEP1[group].includes(suffix);
    // `ic` before the suffix: deleted in R2, else made `iqU`.
    const ic = () => {
      if (x.ends("ic")) {
        if (inR2(x.w.length - 2)) x.cut(2);
        else x.replace(2, "iqU");
      }
    };
    if (is("plain")) {
      if (!inR2(start)) return null;
      x.cut(len);
    } else if (is("ation")) {
      if (!inR2(start)) return null;
      x.cut(len);
      ic();
    } else if (is("logie")) {
      if (!inR2(start)) return null;
      x.replace(len, "log");
    } else if (is("usion")) {
      if (!inR2(start)) return null;
      x.replace(len, "u");
    } else if (is("ence")) {
      if (!inR2(start)) return null;
      x.replace(len, "ent");
    } else if (is("ement")) {
      if (!inRV(start)) return null;
      x.cut(len);
      const after = x.longest(["iv", "eus", "abl", "iqU", "ièr", "Ièr"]);
      if (after) {
        const s = after.start;
        if (after.suffix === "iv") {
          if (inR2(s)) {
            x.cut(2);
            if (x.ends("at") && inR2(x.w.length - 2)) x.cut(2);
          }
        } else if (after.suffix === "eus") {
          if (inR2(s)) x.cut(3);
          else if (inR1(s)) x.replace(3, "eux");
        } else if (after.suffix === "abl" || after.suffix === "iqU") {
          if (inR2(s)) x.cut(3);
        } else if (inRV(s)) {
          x.replace(3, "i");
        }
      }
    } else if (is("ite")) {
      if (!inR2(start)) return null;
      x.cut(len);
      const after = x.longest(["abil", "ic", "iv"]);
      if (after) {
        const s = after.start;
        if (after.suffix === "abil") {
          if (inR2(s)) x.cut(4);
          else x.replace(4, "abl");
        } else if (after.suffix === "ic") {
          if (inR2(s)) x.cut(2);
          else x.replace(2, "iqU");
        } else if (inR2(s)) {
          x.cut(2);
        }
      }
    } else if (is("ive")) {
      if (!inR2(start)) return null;
      x.cut(len);
      if (x.ends("at") && inR2(x.w.length - 2)) {
        x.cut(2);
        ic();
      }
    } else if (is("eaux")) {
      x.replace(len, "eau");
    } else if (is("aux")) {
      if (!inR1(start)) return null;
      x.replace(len, "al");
    } else if (is("euse")) {
      if (inR2(start)) x.cut(len);
      else if (inR1(start)) x.replace(len, "eux");
      else return null;
    } else if (is("issement")) {
      if (!inR1(start) || isVowel(x.before(len))) return null;
      x.cut(len);
    } else if (is("amment")) {
      if (inRV(start)) x.replace(len, "ant");
      return "verb";
    } else if (is("emment")) {
      if (inRV(start)) x.replace(len, "ent");
      return "verb";
    } else {
      // -ment, -ments: deleted after a vowel in RV, then on to the verbs.
      if (isVowel(x.before(len)) && inRV(start - 1)) x.cut(len);
      return "verb";
    }
    return "done";
  }

  const I_VERB = list(
    "îmes ît îtes i ie ies ir ira irai iraIent irais irait iras irent irez iriez irions irons " +
      "iront is issaIent issais issait issant issante issantes issants isse issent isses issez " +
      "issiez issions issons it"
  );

  // Step 2a: verb suffixes beginning with i, in RV after a non-vowel in RV.
  function iVerbSuffix(x) {
    const found = x.longest(I_VERB, x.rv);
    if (!found) return false;
    const len = chars(found.suffix).length;
    if (found.start - 1 < x.rv || isVowel(x.before(len))) return false;
    x.cut(len);
    return true;
  }

  const VERB_E = list("é ée ées és èrent er era erai eraIent erais erait eras erez eriez erions erons eront ez iez");
  const VERB_A = list("âmes ât âtes a ai aIent ais ait ant ante antes ants as asse assent asses assiez assions");

  // Step 2b: other verb suffixes, in RV.
  function verbSuffix(x) {
    const found = x.longest(["ions", ...VERB_E, ...VERB_A], x.rv);
    if (!found) return false;
    const len = chars(found.suffix).length;
    if (found.suffix === "ions") {
      if (found.start < x.r2) return false;
      x.cut(len);
    } else if (VERB_E.includes(found.suffix)) {
      x.cut(len);
    } else {
      x.cut(len);
      if (x.ends("e") && x.w.length - 1 >= x.rv) x.cut(1);
    }
    return true;
  }

  // Step 4: residual suffixes, when steps 1 to 2b changed nothing.
  function residualSuffix(x) {
    if (x.ends("s") && x.w.length >= 2 && !"aiouès".includes(x.before(1))) x.cut(1);
    const found = x.longest(["ion", "ier", "ière", "Ier", "Ière", "e", "ë"], x.rv);
    if (!found) return;
    const len = chars(found.suffix).length;
    if (found.suffix === "ion") {
      const before = x.before(len);
      if (found.start >= x.r2 && found.start - 1 >= x.rv && (before === "s" || before === "t")) x.cut(len);
    } else if (found.suffix === "e") {
      x.cut(1);
    } else if (found.suffix === "ë") {
      if (x.w.length - 3 >= x.rv && x.before(1) === "u" && x.before(2) === "g") x.cut(1);
    } else {
      x.replace(len, "i");
    }
  }

  function stem(text) {
    const x = new Word(text);
    const standard = standardSuffix(x);
    let changed = standard === "done";
    if (!changed) changed = iVerbSuffix(x) || verbSuffix(x);
    if (changed) {
      // Step 3.
      const last = x.w.length - 1;
      if (x.w[last] === "Y") x.w[last] = "i";
      else if (x.w[last] === "ç") x.w[last] = "c";
    } else {
      residualSuffix(x);
    }
    // Step 5: undouble.
    if (["enn", "onn", "ett", "ell", "eill"].some((s) => x.ends(s))) x.cut(1);
    // Step 6: un-accent.
    let k = x.w.length - 1;
    while (k >= 0 && !isVowel(x.w[k])) k--;
    if (k < x.w.length - 1 && k >= 0 && (x.w[k] === "é" || x.w[k] === "è")) x.w[k] = "e";
    return x.w.join("").replace(/[IUY]/g, (c) => c.toLowerCase());
  }

  window.pacteStem = stem;
})();
