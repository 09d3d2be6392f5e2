// The questions of the self-assessment that only people can answer, in the order of the
// TAG-Security template. One list drives the answers file `assay assess --init` writes, the
// validation of that file, and the prompts the document shows where an answer is missing.

/** One question of the answers file. */
export interface Question {
  /** Dotted key in `.assay/assessment.yml` (`overview.goals`). */
  key: string;
  /** How the answer is written: a paragraph, a list of strings, or a list of `{ name, description }`. */
  shape: "text" | "list" | "named-list" | "boolean" | "choice";
  /** Allowed values of a `choice`. */
  choices?: readonly string[];
  /** A required answer: `assay assess --check` fails while it is missing. */
  required: boolean;
  /** One sentence of guidance: what to write. */
  guidance: string;
}

export const QUESTIONS: readonly Question[] = [
  { key: "project.name", shape: "text", required: false, guidance: "The project's name as users know it (defaults to the repository name)." },
  { key: "project.stage", shape: "choice", choices: ["incomplete", "complete", "obsolete"], required: false, guidance: "Where this assessment stands: incomplete while answers are missing, complete once reviewed, obsolete when superseded." },
  { key: "project.software", shape: "text", required: false, guidance: "A link to the project's repository (defaults to the origin remote)." },
  { key: "project.security-provider", shape: "boolean", required: true, guidance: "Is the project's primary function to support the security of the systems that integrate it (true or false)?" },
  { key: "project.sbom", shape: "text", required: false, guidance: "A link to the project's software bill of materials (e.g. one published with each release; `assay sbom` writes one)." },
  { key: "project.compliance", shape: "list", required: false, guidance: "Security standards or parts of them the project is documented as meeting." },
  { key: "security-links", shape: "named-list", required: false, guidance: "Security documentation kept outside the repository (a website's security page, a hardening guide, an audit report): each with a name and, as its description, the link." },
  { key: "overview.summary", shape: "text", required: false, guidance: "One or two sentences that tell a reviewer reading many assessments what this project is and what sets it apart." },
  { key: "overview.background", shape: "text", required: true, guidance: "The project's domain and the problem it solves, for a security reviewer new to that field." },
  { key: "overview.actors", shape: "named-list", required: true, guidance: "The components that act in the system (processes, services, libraries a user runs) and what separates them: each with a name and a description." },
  { key: "overview.actions", shape: "named-list", required: true, guidance: "What the actors do that matters for security (a request is authenticated, a plugin is loaded, data is stored), step by step." },
  { key: "overview.goals", shape: "list", required: true, guidance: "The security guarantees the project intends to provide to its users." },
  { key: "overview.non-goals", shape: "list", required: true, guidance: "Security properties the project deliberately does not provide, so users do not assume them." },
  { key: "self-assessment-use", shape: "text", required: false, guidance: "Anything to add to the standard statement of what this document is for and what it is not." },
  { key: "security-functions.critical", shape: "named-list", required: false, guidance: "Security functions that cannot be configured away (authentication, encryption at rest, sandboxing…)." },
  { key: "security-functions.security-relevant", shape: "named-list", required: false, guidance: "Configuration and features whose misuse weakens security (optional authentication, TLS settings…)." },
  { key: "development-pipeline", shape: "text", required: false, guidance: "How changes are reviewed, tested and released beyond what the repository shows: how many reviewers approve a merge, whether commits must be signed, who signs off a release." },
  { key: "communication-channels.internal", shape: "text", required: false, guidance: "How maintainers talk to each other (a private mailing list, a chat channel)." },
  { key: "communication-channels.inbound", shape: "text", required: false, guidance: "How users and reporters reach the maintainers." },
  { key: "communication-channels.outbound", shape: "text", required: false, guidance: "How the project tells its users about releases and advisories (mailing list, blog, GitHub advisories)." },
  { key: "ecosystem", shape: "text", required: false, guidance: "How the project fits the cloud-native ecosystem: who depends on it and what it depends on." },
  { key: "vulnerability-response", shape: "text", required: false, guidance: "Who responds to a report and what happens after it arrives: triage, fix, release, advisory, credit." },
  { key: "incident-response", shape: "text", required: false, guidance: "What the project does when a vulnerability is exploited or its infrastructure is compromised (who decides, how users are told)." },
  { key: "known-issues", shape: "text", required: false, guidance: "Past vulnerabilities and how they were handled, beyond what the advisory data lists; if there were none, how review and testing catch issues." },
  { key: "best-practices", shape: "text", required: false, guidance: "Where the project stands on the OpenSSF Best Practices criteria, and what it still needs for the badge." },
  { key: "case-studies", shape: "list", required: false, guidance: "Real uses of the project that show its security properties in practice." },
  { key: "related-projects", shape: "list", required: false, guidance: "Similar projects or vendors, and how their security differs." },
];

/** Finds a question by key. */
export function question(key: string): Question | undefined {
  return QUESTIONS.find((q) => q.key === key);
}
