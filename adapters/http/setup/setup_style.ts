/**
 * Colours pass WCAG AA on their backgrounds; below 40rem tables become one card per row. "Create"
 * fields show by CSS alone (`:has`), so that works without the script.
 */
export const SETUP_STYLE = `
:root {
  --ink: #1b1f24; --muted: #4f5761; --line: #cfd5dc; --soft: #f4f6f9; --accent: #0b57a4;
  --ok: #1c6335; --ok-bg: #e4f2e8; --warn: #7a4100; --warn-bg: #fdf1de; --bad: #9e1c16;
  --bad-bg: #fdeceb; --focus: #e8a000; --radius: 6px;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 16px;
  line-height: 1.45; color: var(--ink); background: #fff;
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 76rem; padding: 0 1rem 3rem; }
.vh { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: .5rem; background: #fff; padding: .5rem; z-index: 2; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
h1 { font-size: 1.6rem; margin: 1.25rem 0 .75rem; } h2 { font-size: 1.15rem; margin: 0 0 .5rem; }
section { margin: 1.5rem 0; }
p { margin: .25rem 0 .5rem; }

header.top { border-bottom: 1px solid var(--line); padding: .75rem 0 .5rem; }
.bar { display: flex; flex-wrap: wrap; gap: .5rem 2rem; align-items: center; justify-content: space-between; }
.brand { font-weight: 700; margin: 0; font-size: 1.05rem; } .brand span { font-weight: 400; color: var(--muted); }
.identity { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; margin: 0; font-size: .875rem; }
.logout { margin: 0; }
.identity div { display: flex; gap: .375rem; align-items: baseline; }
.identity dt { color: var(--muted); } .identity dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
.badge { display: inline-block; padding: 0 .5rem; border-radius: 999px; font-size: .8125rem; font-weight: 600; }
.badge.ok { background: var(--ok-bg); color: var(--ok); } .badge.warn { background: var(--warn-bg); color: var(--warn); }
.badge.todo { background: var(--soft); color: var(--muted); }
.progress ol { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: .5rem; list-style: none; padding: 0; margin: .75rem 0 0; }
.progress a { display: flex; align-items: center; gap: .5rem; padding: .375rem .5rem; border-radius: var(--radius); text-decoration: none; color: var(--ink); border: 1px solid transparent; }
.progress a:hover { background: var(--soft); }
.progress a[aria-current] { border-color: var(--accent); background: #eef4fb; }
.progress .mark { display: inline-flex; width: 1.75rem; height: 1.75rem; border-radius: 50%; align-items: center; justify-content: center; font-weight: 700; border: 2px solid var(--muted); color: var(--muted); flex: none; }
.progress .done .mark { background: var(--ok); border-color: var(--ok); color: #fff; }
.progress .name { font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.progress .state { margin-left: auto; font-size: .8125rem; color: var(--muted); white-space: nowrap; }
.progress .done .state { color: var(--ok); }

.card, .filters { border: 1px solid var(--line); border-radius: var(--radius); padding: .75rem 1rem; margin: 0 0 1rem; }
.help { background: var(--soft); } .help ol { margin: .25rem 0; padding-left: 1.25rem; }
.danger { border-color: #e2b3b0; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 .75rem; }
.facts dt { color: var(--muted); } .facts dd { margin: 0; overflow-wrap: anywhere; }
label { display: block; font-weight: 600; margin: .5rem 0 .125rem; }
.check label, label.inline { display: inline; font-weight: 400; margin: 0 1rem 0 .25rem; }
input, select { font: inherit; padding: .3rem .45rem; border: 1px solid #6b737c; border-radius: 4px; max-width: 100%; background: #fff; color: var(--ink); }
input[type=checkbox] { width: 1.1rem; height: 1.1rem; vertical-align: middle; }
input[type=url], input:not([type]), input[type=password], input[type=search] { width: 28rem; }
[aria-invalid=true] { border-color: var(--bad); box-shadow: 0 0 0 1px var(--bad); }
button, .button { display: inline-block; font: inherit; font-weight: 600; margin-top: .75rem; padding: .4rem 1rem; border: 1px solid var(--accent); border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; }
button.secondary, .button.secondary { background: #fff; color: var(--accent); }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; align-items: baseline; }
.inline { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: end; } .inline button { margin-top: 0; }
.fields { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; align-items: start; }
.fields > span { display: flex; flex-direction: column; }
fieldset { min-width: 0; border: 1px solid var(--line); border-radius: var(--radius); margin: .5rem 0; padding: .25rem .75rem .5rem; }
legend { font-weight: 600; padding: 0 .25rem; }
fieldset.create { border-style: dashed; display: none; }
.slot:has(option[value=create]:checked) fieldset.create { display: block; }
.choices { display: inline-block; border: 0; padding: 0; margin: .5rem 2rem .25rem 0; }
.hint, .meta { color: var(--muted); font-size: .875rem; margin: .125rem 0; }
.notice { background: var(--ok-bg); border-left: 4px solid var(--ok); padding: .5rem .75rem; }
.error, .row-errors td:last-child { background: var(--bad-bg); border-left: 4px solid var(--bad); padding: .5rem .75rem; color: #7a1610; }
.error ul, .row-errors ul { margin: .25rem 0 0; padding-left: 1.25rem; }
.ok { color: var(--ok); font-weight: 600; } .warn { color: var(--warn); font-weight: 600; }
details.legend { margin: 0 0 .5rem; } details.legend dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
details.legend dd { margin: 0; }

table { border-collapse: collapse; width: 100%; margin: .25rem 0 1rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { font-size: .875rem; color: var(--muted); border-bottom-width: 2px; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
tr.missing > * { background: var(--bad-bg); } tr.granted td:nth-child(4) { color: var(--ok); font-weight: 600; }
.status { font-weight: 600; } .status-blocked, .status-failed { color: var(--bad); }
.status-in-sync { color: var(--ok); } .status-pending, .status-held, .status-waiting { color: var(--warn); }
.help, .reason { display: block; font-size: .875rem; } td .help { color: var(--muted); background: none; }
.reason { color: var(--ink); }
tr.agreement-head th { background: var(--soft); font-size: 1rem; color: var(--ink); padding-top: .5rem; }
tr.agreement-head .meta { margin-left: .75rem; }
.resume { margin: .25rem 0 0; } .resume button { margin: 0 0 .25rem; padding: .2rem .75rem; }
.resume .hint { display: block; }
time { white-space: nowrap; }
@media (min-width: 40.0625rem) {
  table.lines tbody th { width: 24%; } table.lines td:nth-child(2) { white-space: nowrap; }
  table.lines td:nth-child(3), table.lines td:nth-child(4) { width: 7rem; }
}
.pager { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; align-items: center; margin: .5rem 0; }
.actions-card { display: flex; flex-wrap: wrap; gap: .5rem 2rem; align-items: center; justify-content: space-between; }
.actions-card button { margin: 0; }

table.companies { table-layout: fixed; }
table.companies th, table.companies td { padding: .25rem .5rem; vertical-align: middle; }
table.companies .pick { width: 3.5rem; } table.companies .pick label { display: inline; margin: 0 0 0 .25rem; }
table.companies thead th:nth-child(3), table.companies thead th:nth-child(4) { width: 30%; }
table.companies select { width: 100%; }
.company-name { font-weight: 400; } .company-name .name { font-weight: 600; display: block; line-height: 1.3; }
.company-name .meta { display: block; font-size: .8125rem; line-height: 1.3; margin: 0; }
tr.create-row { display: none; } tr.create-row td { border-bottom: 0; padding-top: 0; }
tbody.company:has(option[value=__create__]:checked) tr.create-row { display: table-row; }
tbody.company.has-error > tr:first-child > * { background: var(--bad-bg); }
table.companies input:not([type]) { width: 16rem; }
.bulk { margin: .5rem 0 0; }

@media (max-width: 40rem) {
  body { padding: 0 .75rem 2rem; }
  .progress ol { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .progress a { display: grid; grid-template-columns: auto 1fr; gap: 0 .375rem; padding: .25rem .375rem; }
  .progress .mark { grid-row: span 2; } .progress .state { margin-left: 0; }
  table.stack caption { display: block; }
  .fields select, .fields input { width: 100%; }
  input[type=url], input:not([type]), input[type=password], input[type=search] { width: 100%; }
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  table.stack, table.stack tbody, table.stack tr, table.stack th, table.stack td { display: block; width: 100%; }
  table.stack tr { border: 1px solid var(--line); border-radius: var(--radius); padding: .375rem .625rem; margin: 0 0 .5rem; }
  table.stack th, table.stack td { border: 0; padding: .125rem 0; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); }
  table.stack tr.agreement-head { border: 0; padding: 0; margin: 1rem 0 .25rem; }
  table.companies, table.companies tbody, table.companies thead { display: block; }
  table.companies thead tr { display: block; border: 0; } table.companies thead th:not(.pick) { display: none; }
  table.companies thead th.pick { display: block; width: auto; border: 0; }
  tbody.company { border: 1px solid var(--line); border-radius: var(--radius); margin: 0 0 .5rem; padding: .25rem .5rem; }
  tbody.company tr { display: grid; grid-template-columns: 2rem 1fr; gap: 0 .25rem; }
  tbody.company td, tbody.company th { display: block; border: 0; padding: .125rem 0; }
  tbody.company td[data-label] { grid-column: 1 / -1; }
  tbody.company td[data-label]::before { content: attr(data-label); display: block; font-weight: 600; font-size: .875rem; }
  tbody.company tr.create-row { display: none; }
  tbody.company:has(option[value=__create__]:checked) tr.create-row { display: grid; }
  tr.create-row td:first-child { display: none; } tr.create-row td { grid-column: 1 / -1; }
  tr.row-errors td:first-child { display: none; } tr.row-errors td { grid-column: 1 / -1; }
  table.companies .pick { width: auto; }
  table.companies input:not([type]) { width: 100%; }
  .fields > span { width: 100%; }
}
`;
