/** The git-install suite alone (`npm run test:git-install`): it may reach the registry, so npm test leaves it out. */
const base = require("./jest.config.js");

module.exports = { ...base, roots: ["<rootDir>/test/git-install"], testPathIgnorePatterns: ["/node_modules/"] };
