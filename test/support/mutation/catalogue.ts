/**
 * Loaded before every test file in mutation runs only (see stryker.config.json). The client loads
 * the check catalogue lazily, at its first validation, so without this the catalogue's module code
 * would run inside whichever test validates first and Stryker would credit that one test with it.
 * Loaded here, that code runs before any test: Stryker then knows it as static and judges it by
 * the whole suite (or, with --ignoreStatic, reports it as ignored) instead of by a chance few tests.
 */
import "../../../src/checks";
