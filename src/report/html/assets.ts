// The HTML report's own style and script, inlined into every report and allowed by hash in its
// Content-Security-Policy: nothing else can run or load, even if some text escaped its escaping.

/** The report's stylesheet: light and dark, readable contrast, visible focus. */
export const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--card:#f6f8fa;--pass:#1a7f37;--fail:#c62828;--critical:#8b0000;--high:#c62828;--medium:#9a5b00;--low:#3b5ba5;--info:#57606a}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9da7b3;--line:#30363d;--card:#161b22;--pass:#3fb950;--fail:#ff7b72;--critical:#ff6b6b;--high:#ff7b72;--medium:#e3b341;--low:#79c0ff;--info:#9da7b3}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;background:var(--bg);color:var(--fg)}
header,main,footer{max-width:72rem;margin:0 auto;padding:1rem 1.5rem}
h1{font-size:1.6rem;margin:.5rem 0}.target{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}
h2{font-size:1.3rem;border-bottom:1px solid var(--line);padding-bottom:.3rem;margin-top:2rem}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}h4{font-size:1rem;margin:.8rem 0 .2rem}
.facts,.sub,footer{color:var(--muted)}.sub{font-size:.85rem;font-weight:normal}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9em}
pre{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.6rem;overflow:auto;white-space:pre-wrap;word-break:break-word}
a{color:inherit}a:focus-visible,summary:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #0969da;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem}
.verdict{border:2px solid;border-radius:8px;padding:.5rem 1rem;margin-top:1rem}.verdict.pass{border-color:var(--pass)}.verdict.fail{border-color:var(--fail)}
.verdict h2{border:0;margin:.3rem 0}.verdict.pass h2{color:var(--pass)}.verdict.fail h2{color:var(--fail)}
.total{display:flex;gap:1.5rem;align-items:center;flex-wrap:wrap}
.big{display:flex;align-items:baseline;gap:.3rem;padding:.6rem 1rem;border-radius:10px;color:#fff;background:#5a6270}
.big .num{font-size:2.6rem;font-weight:700}.big .of{font-size:1.1rem}.big .grade{font-size:1.6rem;font-weight:700;margin-left:.8rem}
.g-A{background:#1a7f37}.g-B{background:#3d7a12}.g-C{background:#8a6100}.g-D{background:#b35900}.g-F{background:#c62828}
.chart{max-width:48rem;font-size:13px;margin:1rem 0}.chart text{fill:var(--fg)}
table{border-collapse:collapse;width:100%;margin:1rem 0}caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border-bottom:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:flex-end;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.6rem 1rem}
.filters fieldset{border:0;margin:0;padding:0}.filters legend{font-weight:600;font-size:.9rem}.filters label{margin-right:.6rem;font-size:.95rem}
.count{flex-basis:100%;margin:.2rem 0 0;color:var(--muted)}
.finding{border:1px solid var(--line);border-left-width:5px;border-radius:6px;margin:.5rem 0;background:var(--bg)}
.finding summary{cursor:pointer;padding:.5rem .8rem;list-style-position:outside}
.finding details>*:not(summary){margin-left:.8rem;margin-right:.8rem}
.finding dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.5rem .8rem}.finding dt{font-weight:600}.finding dd{margin:0}
.sev{display:inline-block;min-width:4.8rem;font-weight:700;text-transform:uppercase;font-size:.8rem}
.status{font-size:.8rem;border:1px solid var(--line);border-radius:1rem;padding:0 .5rem}
.where{color:var(--muted);font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85rem;word-break:break-all}
.sev-critical{border-left-color:var(--critical)}.sev-critical .sev{color:var(--critical)}
.sev-high{border-left-color:var(--high)}.sev-high .sev{color:var(--high)}
.sev-medium{border-left-color:var(--medium)}.sev-medium .sev{color:var(--medium)}
.sev-low{border-left-color:var(--low)}.sev-low .sev{color:var(--low)}
.sev-info{border-left-color:var(--info)}.sev-info .sev{color:var(--info)}
.refs{font-size:.9rem}.more{font-style:italic}
[hidden]{display:none!important}
@media print{.filters,.skip{display:none}details{display:block}}
`;

/**
 * Progressive filtering: shows the filter form (hidden without JavaScript, when every finding is
 * listed) and hides findings that do not match. It reads only data-* attributes and never writes
 * markup, so report text is never interpreted.
 */
export const SCRIPT = `
(function(){
var form=document.getElementById("filters");if(!form)return;form.hidden=false;
var items=Array.prototype.slice.call(document.querySelectorAll(".finding"));
var groups=Array.prototype.slice.call(document.querySelectorAll(".group"));
var count=form.querySelector(".count");
function checked(name){return Array.prototype.slice.call(form.querySelectorAll('input[name="'+name+'"]:checked')).map(function(i){return i.value})}
function apply(){
var sev=checked("severity"),st=checked("status"),fam=form.elements.family.value,chk=form.elements.check.value,q=form.elements.q.value.trim().toLowerCase(),n=0;
items.forEach(function(el){var d=el.dataset;var ok=sev.indexOf(d.severity)>=0&&st.indexOf(d.status)>=0&&(!fam||d.family===fam)&&(!chk||d.check===chk)&&(!q||el.textContent.toLowerCase().indexOf(q)>=0);el.hidden=!ok;if(ok)n++});
groups.forEach(function(g){g.hidden=!g.querySelector(".finding:not([hidden])")});
count.textContent="Showing "+n+" of "+items.length+" findings";}
form.addEventListener("input",apply);form.addEventListener("change",apply);form.addEventListener("submit",function(e){e.preventDefault()});apply();
})();
`;
