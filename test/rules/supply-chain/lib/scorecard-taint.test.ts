import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { splitCommands } from "../../../../src/ecosystems/shell/split.js";
import { scorecardRecordedPath, scorecardRuns } from "../../../../src/rules/supply-chain/lib/scorecard-taint.js";

const recorded = (script: string): string | undefined => {
  const cmd = splitCommands(script)[0];
  assert.ok(cmd);
  return scorecardRecordedPath(cmd, script);
};
const runs = (script: string, path: string): boolean => {
  const cmd = splitCommands(script)[0];
  assert.ok(cmd);
  return scorecardRuns(cmd, script, path);
};

describe("scorecard-taint", () => {
  it("remembers the path a download writes as Scorecard does", () => {
    assert.equal(recorded("curl -fsSL https://x.example/i.sh > /tmp/i.sh"), "/tmp/i.sh");
    assert.equal(recorded("curl -fsSLo /tmp/i.sh https://x.example/i.sh"), undefined);
    assert.equal(recorded("wget -O /tmp/i.sh https://x.example/i.sh"), "/tmp/i.sh");
    // Its words keep their quotes: `bash "i.sh"` runs what `-O "i.sh"` wrote, `bash i.sh` does not.
    assert.equal(recorded('wget -O "i.sh" https://x.example/i.sh'), '"i.sh"');
    // `-qO` is not `-O` to Scorecard: it takes the URL's last segment.
    assert.equal(recorded("wget -qO /tmp/i.sh https://x.example/dl/i.sh?x=1"), "i.sh");
    assert.equal(recorded("gsutil cp gs://b/tools/i.sh /opt/"), "/opt/i.sh");
    assert.equal(recorded("gsutil cp gs://b/tools/i.sh ."), "i.sh");
    assert.equal(recorded("aws s3api get-object --bucket b --key tools/i.sh ."), "i.sh");
    assert.equal(recorded("aws s3 cp s3://b/i.sh i.sh"), undefined);
    assert.equal(recorded("sudo -E wget https://x.example/i.sh"), undefined);
  });

  it("matches a run by the cleaned path, as the program or an interpreter's operand", () => {
    assert.equal(runs("bash ./i.sh", "i.sh"), true);
    assert.equal(runs("./i.sh --yes", "i.sh"), true);
    assert.equal(runs("bash /tmp/i.sh", "i.sh"), false);
    assert.equal(runs("cat i.sh", "i.sh"), false);
  });
});
