/** Architecture rules from DESIGN.md section 1, checked on every `npm test`. */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "core-is-pure",
      comment: "src/core has no I/O, no SDKs and imports nothing of the project but itself",
      severity: "error",
      from: { path: "^src/core" },
      to: {
        pathNot: "^src/core",
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "core-imports-no-project-types-either",
      severity: "error",
      from: { path: "^src/core" },
      to: { path: "^src/(?!core)" },
    },
    {
      name: "simulator-is-independent",
      comment:
        "the simulator implements Azure on its own: it never reaches the bot's code, not even through another module",
      severity: "error",
      from: { path: "^src/simulator" },
      to: { path: "^src/(?!simulator/)", reachable: true },
    },
    {
      name: "only-azure-imports-azure-sdk",
      severity: "error",
      from: { path: "^src", pathNot: ["^src/azure", "^src/cli\\.ts$", "^src/main\\.ts$"] },
      to: { path: "node_modules/@azure" },
    },
    {
      name: "azure-uses-core-types-only",
      severity: "error",
      from: { path: "^src/azure" },
      to: { path: "^src/(dialogs|operations|store|adapters|simulator)" },
    },
    {
      name: "dialogs-reach-azure-through-operations",
      comment:
        "dialogs ask the operations layer (src/operations) for anything ARM knows; only it talks to src/azure",
      severity: "error",
      from: { path: "^src/dialogs" },
      to: { path: ["^src/azure", "node_modules/@azure"] },
    },
    {
      name: "dialogs-stay-platform-neutral",
      severity: "error",
      from: { path: "^src/dialogs" },
      to: { path: ["^src/adapters", "node_modules/(@slack|botbuilder|restify)"] },
    },
    {
      name: "operations-not-above",
      severity: "error",
      from: { path: "^src/operations" },
      to: { path: "^src/(dialogs|adapters)" },
    },
    {
      name: "only-the-slack-door-imports-slack",
      comment: "Bolt and the Slack SDKs stay in src/adapters/slack",
      severity: "error",
      from: { path: "^src", pathNot: "^src/adapters/slack" },
      to: { path: "node_modules/@slack/" },
    },
    {
      name: "only-the-teams-door-imports-botbuilder",
      comment:
        "the Bot Framework SDK is archived: a move to the Agents SDK must touch only src/adapters/teams",
      severity: "error",
      from: { path: "^src", pathNot: "^src/adapters/teams" },
      to: { path: "node_modules/(botbuilder|botframework-[^/]+)/" },
    },
    {
      name: "only-the-http-server-imports-restify",
      severity: "error",
      from: { path: "^src", pathNot: "^src/adapters/http/http-server\\.ts$" },
      to: { path: "node_modules/restify/" },
    },
    {
      name: "only-store-touches-databases",
      severity: "error",
      from: { path: "^src", pathNot: "^src/store" },
      to: { path: "node_modules/(better-sqlite3|pg)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
  },
};
