// @ts-nocheck
/**
 * StrykerJS's vitest runner (9.6.1, the last release for Node 20), made to select tests under vitest 5.
 *
 * For each mutant the runner runs only the tests that cover it, by a `testNamePattern` built from
 * each test's name joined with spaces ("Policy adviseDue classifies…"). Vitest 5 matches the
 * pattern against the full name joined with " > " ("Policy > adviseDue > classifies…"), so with
 * 9.6.1 every mutant runs no test at all and "survives". Runner 10.x fixes this but needs
 * Node ≥ 22. This plugin (test runner `vitest5`) is 9.6.1's runner with one change: a space in
 * the pattern also matches " > ". Drop it and use runner 10.x once the project is on Node 22.
 */
import { commonTokens, declareFactoryPlugin, PluginKind, tokens } from "@stryker-mutator/api/plugin"
import { INSTRUMENTER_CONSTANTS } from "@stryker-mutator/api/core"

// the runner class is not exported; its module is (by file, past the package's `exports`)
const { VitestTestRunner } = await import(
  new URL("../node_modules/@stryker-mutator/vitest-runner/dist/src/vitest-test-runner.js", import.meta.url).href
)

class Vitest5TestRunner extends VitestTestRunner {
  async init() {
    await super.init()
    for (const project of this.ctx.projects) {
      let pattern
      Object.defineProperty(project.config, "testNamePattern", {
        configurable: true,
        enumerable: true,
        get: () => pattern,
        set: (value) => {
          pattern = value instanceof RegExp ? new RegExp(value.source.replaceAll(" ", "(?: | > )"), value.flags) : value
        }
      })
    }
  }
}

createRunner.inject = tokens(commonTokens.injector)
function createRunner(injector) {
  return injector.provideValue("globalNamespace", INSTRUMENTER_CONSTANTS.NAMESPACE).injectClass(Vitest5TestRunner)
}

export const strykerPlugins = [declareFactoryPlugin(PluginKind.TestRunner, "vitest5", createRunner)]
