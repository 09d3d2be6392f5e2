// Labels that read like passwords: the word "password" in other languages and the words of
// translation tables, whichever encoding the file was written in (the scanner reads bytes as Latin-1).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isDefaultPassword, isPasswordWord, isTextWord, looksLikeExample, looksLikeGenericExample, TRANSLATION_FILE } from "../../src/secrets/placeholder.js";

const asScanned = (text: string, encoding: "utf8" | "latin1"): string => Buffer.from(text, encoding).toString("latin1");

describe("secret placeholders: labels", () => {
  it("knows the word password in other languages, in UTF-8 and in Latin-1 files, and nothing else", () => {
    for (const w of ["Passwort", "Kennwort:", "Contraseña", "Lösenord", "Пароль", "パスワード", "Mot de passe".replace(/ /g, "")]) {
      assert.ok(isPasswordWord(asScanned(w, "utf8")), w);
    }
    assert.ok(isPasswordWord(asScanned("Lösenord", "latin1")), "a Latin-1 file");
    for (const v of ["Passw0rt!", "hunter2", "Passwort123", "correct-horse"]) assert.equal(isPasswordWord(v), false, v);
  });

  it("takes a word of text as a label only without digits or key symbols", () => {
    assert.ok(isTextWord(asScanned("Kennwörter", "utf8")));
    assert.ok(isTextWord(asScanned("Kennwörter", "latin1")));
    for (const v of ["a1b2c3d4", "Zx9$kQ", "tok_live_abc"]) assert.equal(isTextWord(v), false, v);
  });

  it("recognises translation tables by path", () => {
    for (const p of ["locales/de.json", "src/i18n/fr.yml", "po/pt_BR.po", "Resources/Strings.resx", "app/src/main/resources/messages_fr.properties", "lib/l10n/app_de.arb"]) assert.ok(TRANSLATION_FILE.test(p), p);
    for (const p of ["config/app.yml", "src/language.ts", "messages.json"]) assert.equal(TRANSLATION_FILE.test(p), false, p);
  });

  it("takes words of default passwords joined as a default, and nothing with a character of a key", () => {
    for (const v of ["geheim$parole", "admin:admin", "secret-password", "changeme", "admin!", "#pass", "pass#"]) assert.ok(isDefaultPassword(v), v);
    for (const v of ["geheim$parole7x", "admin:Zx9kQ", "parole", "Tr0ub4dor&3"]) assert.equal(isDefaultPassword(v), false, v);
  });

  it("reads the word password spelt out, and ascending pairs, as a stand-in in generic values only", () => {
    for (const v of ["generatedwebdavpassword1", "SomeKindOfPassword123!@#", "Pass@Word1", "P@55w0rd", "kmsPswd", "abcd1234defg5678", "a1b2c3d4567890ab", "not-re@l"]) {
      assert.ok(looksLikeGenericExample(v), v);
      assert.equal(looksLikeExample(v), false, v);
    }
    for (const v of ["Xk9mQ2vLp7Rt", "passage-w8d", "pwdx9Kq2"]) assert.equal(looksLikeGenericExample(v), false, v);
  });

  it("reads a value that asks for yours, with words between, as a stand-in: Supabase's self-hosting template", () => {
    for (const v of ["your-super-secret-jwt-token-with-at-least-32-characters-long", "your_own_api_key", "YOUR-PRODUCTION-SIGNING-KEY"]) assert.ok(looksLikeExample(v), v);
    for (const v of ["yourself-k9Xq2vLp7RtMw", "Yo8urKq2vLp7Rtmw"]) assert.equal(looksLikeExample(v), false, v);
  });
});
