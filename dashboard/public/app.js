// The reference dashboard: reads the JSON endpoints of dashboard/server.py
// (each a fixed SELECT on a dsm_policy report view or what-if function) and
// draws every chart with Apache ECharts.  Nothing is drawn by hand.
//
// The key numbers are also written into the page as text: every number a
// test (test/shell/dashboard.sh) compares carries a data-key attribute, and
// its text is the number as shown (amounts in yuan to the fen with thousands
// separators, percentages with one decimal and %).
//
// <html data-ready="1"> once the data is loaded and every chart has sent
// ECharts' "finished" event; "0" while loading or redrawing.
// URL parameters: lang=zh|en, animation=0 (no animation).
'use strict';

(function () {
  const I18N = window.DSM_I18N;
  const STATUSES = ['payable', 'superseded', 'over_quota', 'cap_exhausted', 'ineligible',
    'not_in_force', 'pending', 'no_monetary_award', 'withdrawn'];
  const STATUS_COLORS = {
    payable: '#2e7d32', superseded: '#8d6e63', over_quota: '#ef6c00', cap_exhausted: '#f9a825',
    ineligible: '#c62828', not_in_force: '#757575', pending: '#1565c0', no_monetary_award: '#90a4ae',
    withdrawn: '#6a1b9a',
  };
  const params = new URLSearchParams(window.location.search);
  const animation = params.get('animation') !== '0';

  const state = {
    lang: pickLanguage(),
    charts: {},
    data: {},
    topYear: 'all',
    scenario: null,
    pending: 0,
  };

  function pickLanguage() {
    const asked = params.get('lang');
    if (asked === 'zh' || asked === 'en') return asked;
    try {
      const kept = window.localStorage.getItem('dsm_policy.dashboard.lang');
      if (kept === 'zh' || kept === 'en') return kept;
    } catch (e) { /* no storage: Chinese */ }
    return 'zh';
  }

  // ---- words -------------------------------------------------------------
  function t(path) {
    let v = I18N[state.lang];
    for (const part of path.split('.')) {
      v = v == null ? undefined : v[part];
    }
    return v == null ? path : v;
  }
  function clauseLabel(row) {
    const title = state.lang === 'en' ? row.clause_title_en : row.clause_title_zh;
    return state.lang === 'en' ? `Clause ${row.clause_code}: ${title}` : `第${row.clause_code}条 ${title}`;
  }
  function clauseShort(code) {
    return state.lang === 'en' ? `Clause ${code}` : `第${code}条`;
  }
  function unitLabel(row) {
    return state.lang === 'en' ? row.unit_name_en : row.unit_name_zh;
  }

  // ---- numbers: amounts are added up exactly, in fen ---------------------
  function fen(s) {
    return s == null ? null : Math.round(Number(s) * 100);
  }
  function money(f) {
    if (f == null) return '';
    const neg = f < 0;
    const a = Math.abs(f);
    const yuan = Math.floor(a / 100);
    const cents = a % 100;
    return (neg ? '-' : '') + yuan.toLocaleString('en-US') + '.' + String(cents).padStart(2, '0');
  }
  function yuan(f) {
    return f == null ? null : f / 100;
  }
  function count(n) {
    return n == null ? '' : Number(n).toLocaleString('en-US');
  }
  function percent(s) {
    return s == null ? '' : Number(s).toFixed(1) + '%';
  }
  // Axis labels: in Chinese in 万元 (10,000 yuan), in English in million yuan.
  function axisMoney(v) {
    return state.lang === 'zh'
      ? (v / 10000).toLocaleString('en-US', { maximumFractionDigits: 1 })
      : (v / 1000000).toLocaleString('en-US', { maximumFractionDigits: 2 });
  }
  // Short amounts on bars: 28.1万, or 281k / 2.22M.
  function short(v) {
    if (state.lang === 'zh') return (v / 10000).toLocaleString('en-US', { maximumFractionDigits: 1 }) + '万';
    const a = Math.abs(v);
    return a >= 1000000 ? (v / 1000000).toFixed(2) + 'M' : (v / 1000).toFixed(a >= 100000 ? 0 : 1) + 'k';
  }
  function sum(list, f) {
    let s = 0;
    for (const x of list) s += f(x) || 0;
    return s;
  }
  function uniqueSorted(list) {
    return Array.from(new Set(list)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  // ---- DOM ---------------------------------------------------------------
  function el(tag, attrs, children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null) continue;
      if (k === 'text') e.textContent = v;
      else if (k === 'class') e.className = v;
      else if (k === 'key') e.dataset.key = v;
      else e.setAttribute(k, v);
    }
    for (const c of children || []) e.append(c);
    return e;
  }
  // A cell: {text, key, num} or a plain string.
  function td(cell, tagName) {
    if (cell == null || typeof cell !== 'object') cell = { text: cell == null ? '' : String(cell) };
    return el(tagName || 'td', { text: cell.text, key: cell.key, class: cell.num ? 'num' : cell.cls });
  }
  function table(id, headers, rows, footer) {
    // a column of numbers gets a right-aligned heading
    const numeric = headers.map((h, i) => rows.concat(footer || []).some((r) => r[i] && r[i].num));
    const thead = el('thead', {}, [el('tr', {}, headers.map((h, i) => td({ text: h, num: numeric[i] }, 'th')))]);
    const tbody = el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c) => td(c)))));
    const parts = [thead, tbody];
    if (footer) parts.push(el('tfoot', {}, footer.map((r) => el('tr', {}, r.map((c) => td(c))))));
    const box = document.getElementById(id);
    box.replaceChildren(el('table', { class: 'numbers' }, parts));
  }
  const m = (f, key) => ({ text: money(f), key: f == null ? null : key, num: true });
  const c = (n, key) => ({ text: count(n), key: n == null ? null : key, num: true });
  const p = (s, key) => ({ text: percent(s), key: s == null ? null : key, num: true });

  function applyTexts() {
    document.documentElement.lang = t('htmlLang');
    document.title = t('title');
    for (const e of document.querySelectorAll('[data-i18n]')) {
      if (e.id === 'status-line') continue;
      e.textContent = t(e.dataset.i18n);
    }
    const sw = document.getElementById('lang-switch');
    sw.textContent = t('switchTo');
    sw.title = t('switchTitle');
    sw.lang = state.lang === 'zh' ? 'en' : 'zh-CN';
  }

  // ---- charts ------------------------------------------------------------
  function chart(id) {
    let ch = state.charts[id];
    if (!ch) {
      ch = echarts.init(document.getElementById(id), null, { renderer: 'canvas', locale: t('echartsLocale') });
      state.charts[id] = ch;
    }
    return ch;
  }
  // setOption, resolved on the chart's "finished" event (rendered, animations done)
  function draw(id, option) {
    const ch = chart(id);
    return new Promise((resolve) => {
      const done = () => {
        ch.off('finished', done);
        resolve();
      };
      ch.on('finished', done);
      ch.setOption(Object.assign({ animation: animation }, option), { notMerge: true });
    });
  }
  function disposeCharts() {
    for (const ch of Object.values(state.charts)) ch.dispose();
    state.charts = {};
  }
  const moneyTip = (v) => (v == null || v === '-' ? '-' : money(Math.round(v * 100)) + ' ' + t('yuan'));
  const moneyAxis = (name, horizontal) => (horizontal
    ? { type: 'value', name: name, nameLocation: 'middle', nameGap: 26, axisLabel: { formatter: axisMoney } }
    : { type: 'value', name: name, nameTextStyle: { align: 'left' }, axisLabel: { formatter: axisMoney } });

  // Marks the page busy while PROMISE runs; ready when nothing is pending.
  function busy(promise) {
    state.pending += 1;
    document.documentElement.dataset.ready = '0';
    return promise.then(
      () => {
        state.pending -= 1;
        if (state.pending === 0) document.documentElement.dataset.ready = '1';
      },
      (err) => {
        state.pending -= 1;
        fail(err);
      });
  }
  function fail(err) {
    const line = document.getElementById('status-line');
    line.textContent = t('loadError') + (err && err.message ? err.message : err);
    line.classList.add('error');
    document.documentElement.dataset.error = String(err && err.message ? err.message : err);
    console.error('dashboard:', err);
  }

  async function getJSON(url) {
    const r = await fetch(url, { headers: { Accept: 'application/json' } });
    const body = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(`${url}: ${r.status} ${body.error || ''} ${body.detail || ''}`.trim());
    return body;
  }

  // ---- key numbers -------------------------------------------------------
  function renderKpis() {
    const rows = state.data.yearClause;
    const items = [
      ['kpi.paid', money(sum(rows, (r) => fen(r.payable_total))), 'kpi.paid'],
      ['kpi.settled', money(sum(rows, (r) => fen(r.settled_total))), 'kpi.settled'],
      ['kpi.provisional', money(sum(rows, (r) => fen(r.provisional_total))), 'kpi.provisional'],
      ['kpi.applications', count(sum(rows, (r) => r.applications)), 'kpi.applications'],
      ['kpi.payable_applications', count(sum(rows, (r) => r.payable_applications)), 'kpi.payable_applications'],
    ];
    document.getElementById('kpis').replaceChildren(...items.map(([label, value, key]) =>
      el('div', { class: 'kpi' }, [el('div', { class: 'kpi-label', text: t(label) }),
        el('div', { class: 'kpi-value', text: value, key: key })])));
  }

  // ---- paid by year and clause -------------------------------------------
  function renderPaid() {
    const rows = state.data.yearClause;
    const years = uniqueSorted(rows.map((r) => r.award_year));
    const clauses = [];
    const seen = new Set();
    for (const r of rows.slice().sort((a, b) => a.sort_key - b.sort_key)) {
      if (!seen.has(r.clause_code)) {
        seen.add(r.clause_code);
        clauses.push(r);
      }
    }
    const at = new Map(rows.map((r) => [r.award_year + '|' + r.clause_code, r]));
    const body = clauses.map((cl) => {
      const cells = [{ text: clauseLabel(cl) }];
      for (const y of years) {
        const r = at.get(y + '|' + cl.clause_code);
        cells.push(r ? m(fen(r.payable_total), `paid.${y}.${cl.clause_code}`) : { text: '' });
      }
      cells.push(m(sum(rows.filter((r) => r.clause_code === cl.clause_code), (r) => fen(r.payable_total)),
        `paid.clause.${cl.clause_code}`));
      return cells;
    });
    const foot = [[{ text: t('total') }].concat(
      years.map((y) => m(sum(rows.filter((r) => r.award_year === y), (r) => fen(r.payable_total)), `paid.${y}`)),
      [m(sum(rows, (r) => fen(r.payable_total)), 'paid.all')])];
    table('table-paid', [t('clause')].concat(years.map(String), [t('total')]), body, foot);

    return draw('chart-paid', {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: moneyTip, confine: true },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 10, right: 20, top: 40, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: moneyAxis(t('paid.axis')),
      series: clauses.map((cl) => ({
        type: 'bar',
        stack: 'paid',
        name: clauseShort(cl.clause_code),
        emphasis: { focus: 'series' },
        data: years.map((y) => {
          const r = at.get(y + '|' + cl.clause_code);
          return r ? yuan(fen(r.payable_total)) : 0;
        }),
      })),
    });
  }

  // ---- paid by lead unit --------------------------------------------------
  function renderUnits() {
    const rows = state.data.units;
    const years = uniqueSorted(rows.map((r) => r.award_year));
    const units = [];
    const seen = new Set();
    for (const r of rows.slice().sort((a, b) => a.sort_key - b.sort_key)) {
      if (!seen.has(r.unit_code)) {
        seen.add(r.unit_code);
        units.push(r);
      }
    }
    const at = new Map(rows.map((r) => [r.award_year + '|' + r.unit_code, r]));
    const lead = (u) => sum(rows.filter((r) => r.unit_code === u.unit_code), (r) => fen(r.payable_total_as_lead_unit));
    const body = units.map((u) => [{ text: unitLabel(u) }].concat(
      years.map((y) => {
        const r = at.get(y + '|' + u.unit_code);
        return r ? m(fen(r.payable_total_as_lead_unit), `lead.${y}.${u.unit_code}`) : { text: '' };
      }),
      [m(lead(u), `lead.unit.${u.unit_code}`)]));
    const foot = [[{ text: t('total') }].concat(
      years.map((y) => m(sum(rows.filter((r) => r.award_year === y), (r) => fen(r.payable_total_as_lead_unit)),
        `lead.${y}`)),
      [m(sum(rows, (r) => fen(r.payable_total_as_lead_unit)), 'lead.all')])];
    table('table-units', [t('unit')].concat(years.map(String), [t('total')]), body, foot);

    const leading = units.filter((u) => lead(u) > 0);
    return draw('chart-units', {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: moneyTip, confine: true },
      legend: { bottom: 0 },
      grid: { left: 10, right: 30, top: 10, bottom: 60, containLabel: true },
      yAxis: { type: 'category', inverse: true, data: leading.map(unitLabel),
        axisLabel: { width: 180, overflow: 'truncate' } },
      xAxis: moneyAxis(t('units.axis'), true),
      series: years.map((y) => ({
        type: 'bar',
        stack: 'lead',
        name: String(y),
        emphasis: { focus: 'series' },
        data: leading.map((u) => {
          const r = at.get(y + '|' + u.unit_code);
          return r ? yuan(fen(r.payable_total_as_lead_unit)) : 0;
        }),
      })),
    });
  }

  // ---- budget use --------------------------------------------------------
  function budgetKey(r) {
    return r.clause_code == null ? `${r.award_year}` : `${r.award_year}.${r.clause_code}`;
  }
  function budgetRowLabel(r) {
    return r.clause_code == null ? `${r.award_year} ${t('budget.wholeYear')}` : `${r.award_year} ${clauseShort(r.clause_code)}`;
  }
  function renderBudget() {
    const rows = state.data.budget;
    const body = rows.map((r) => {
      const k = `budget.${budgetKey(r)}`;
      return [{ text: budgetRowLabel(r), cls: r.clause_code == null ? 'year-row' : 'clause-row' },
        r.budget == null ? { text: t('noBudget'), cls: 'muted' } : m(fen(r.budget), `${k}.budget`),
        m(fen(r.settled_total), `${k}.settled`), m(fen(r.provisional_total), `${k}.provisional`),
        m(fen(r.committed_total), `${k}.committed`), m(fen(r.remaining), `${k}.remaining`),
        p(r.used_percent, `${k}.used_percent`)];
    });
    table('table-budget', [t('year'), t('budget.budget'), t('budget.settled'), t('budget.provisional'),
      t('budget.committed'), t('budget.remaining'), t('budget.usedPercent')], body);

    const years = rows.filter((r) => r.clause_code == null);
    return draw('chart-budget', {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: moneyTip, confine: true },
      legend: { bottom: 0 },
      grid: { left: 10, right: 20, top: 40, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: years.map((r) => String(r.award_year)) },
      yAxis: moneyAxis(t('budget.axis')),
      series: [
        { type: 'bar', stack: 'committed', name: t('budget.settled'), color: '#2e7d32',
          data: years.map((r) => yuan(fen(r.settled_total))) },
        { type: 'bar', stack: 'committed', name: t('budget.provisional'), color: '#81c784',
          data: years.map((r) => yuan(fen(r.provisional_total))),
          label: { show: true, position: 'top', formatter: (x) => percent(years[x.dataIndex].used_percent) } },
        // the budget: an outline over the committed bar (barGap -100%)
        { type: 'bar', name: t('budget.budget'), color: '#c62828', barGap: '-100%', z: 3,
          itemStyle: { color: 'rgba(0,0,0,0)', borderColor: '#c62828', borderWidth: 2, borderType: 'dashed' },
          emphasis: { disabled: true },
          data: years.map((r) => (r.budget == null ? '-' : yuan(fen(r.budget)))) },
      ],
    });
  }

  // ---- quota places ------------------------------------------------------
  function renderQuota() {
    const rows = state.data.quota;
    const clauses = uniqueSorted(rows.map((r) => r.clause_code));
    const label = (r) => (clauses.length > 1 ? `${r.award_year} ${clauseShort(r.clause_code)}` : String(r.award_year));
    const body = rows.map((r) => {
      const k = `quota.${r.clause_code}.${r.award_year}`;
      return [{ text: clauseShort(r.clause_code) }, { text: String(r.award_year) },
        c(r.quota, `${k}.quota`), c(r.places_taken, `${k}.taken`), c(r.places_left, `${k}.left`),
        c(r.enterprises_over_quota, `${k}.over`)];
    });
    table('table-quota', [t('clause'), t('year'), t('quota.quota'), t('quota.taken'), t('quota.left'), t('quota.over')], body);
    return draw('chart-quota', {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      legend: { bottom: 0 },
      grid: { left: 10, right: 20, top: 40, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: rows.map(label) },
      yAxis: { type: 'value', name: t('quota.axis'), nameTextStyle: { align: 'left' }, minInterval: 1 },
      series: [
        { type: 'bar', stack: 'places', name: t('quota.taken'), color: '#1565c0', data: rows.map((r) => r.places_taken),
          label: { show: true, position: 'inside' } },
        { type: 'bar', stack: 'places', name: t('quota.left'), color: '#bbdefb', data: rows.map((r) => r.places_left) },
        { type: 'bar', name: t('quota.over'), color: '#ef6c00', data: rows.map((r) => r.enterprises_over_quota),
          label: { show: true, position: 'top', formatter: (x) => (x.value ? String(x.value) : '') } },
      ],
    });
  }

  // ---- statuses ----------------------------------------------------------
  function renderStatus() {
    const rows = state.data.yearClause;
    const counts = STATUSES.map((s) => [s, sum(rows, (r) => r[`${s}_applications`])]);
    const all = sum(rows, (r) => r.applications);
    table('table-status', [t('status.title'), t('status.count')],
      counts.map(([s, n]) => [{ text: t(`status.names.${s}`) }, c(n, `status.${s}`)]),
      [[{ text: t('total') }, c(all, 'status.all')]]);
    return draw('chart-status', {
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle' },
      series: [{
        type: 'pie',
        radius: ['38%', '68%'],
        center: ['38%', '50%'],
        avoidLabelOverlap: true,
        label: { formatter: '{c}' },
        data: counts.filter(([, n]) => n > 0).map(([s, n]) => ({
          name: t(`status.names.${s}`), value: n, itemStyle: { color: STATUS_COLORS[s] },
        })),
      }],
    });
  }

  // ---- top enterprises ---------------------------------------------------
  function renderTopYears() {
    const sel = document.getElementById('top-year');
    const years = state.data.enterprises.years;
    sel.replaceChildren(el('option', { value: 'all', text: t('allYears') }),
      ...years.map((y) => el('option', { value: String(y), text: String(y) })));
    sel.value = state.topYear;
  }
  function renderTop() {
    const rows = state.data.enterprises.rows;
    const sel = state.topYear;
    table('table-top', [t('top.rank'), t('top.enterprise'), t('top.creditCode'), t('top.paid'), t('top.applications')],
      rows.map((r, i) => [{ text: String(i + 1) }, { text: r.enterprise_name },
        { text: r.credit_code, key: `top.${sel}.${i + 1}.credit_code` },
        m(fen(r.payable_total), `top.${sel}.${i + 1}.paid`), c(r.applications, `top.${sel}.${i + 1}.applications`)]));
    return draw('chart-top', {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: moneyTip, confine: true },
      grid: { left: 10, right: 60, top: 10, bottom: 30, containLabel: true },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.enterprise_name),
        axisLabel: { width: 220, overflow: 'truncate' } },
      xAxis: moneyAxis(t('paid.axis'), true),
      series: [{ type: 'bar', name: t('top.paid'), color: '#00838f', data: rows.map((r) => yuan(fen(r.payable_total))),
        label: { show: true, position: 'right', formatter: (x) => short(x.value) } }],
    });
  }

  // ---- applications by month ---------------------------------------------
  function renderMonths() {
    const byMonth = new Map();
    for (const r of state.data.months) {
      const k = r.applied_month.slice(0, 7);
      const a = byMonth.get(k) || { applications: 0, payable: 0, paid: 0 };
      a.applications += r.applications;
      a.payable += r.payable_applications;
      a.paid += fen(r.payable_total);
      byMonth.set(k, a);
    }
    const months = uniqueSorted(Array.from(byMonth.keys()));
    table('table-months', [t('months.month'), t('months.applications'), t('months.paid')],
      months.map((k) => [{ text: k }, c(byMonth.get(k).applications, `month.${k}.applications`),
        m(byMonth.get(k).paid, `month.${k}.paid`)]),
      [[{ text: t('total') }, c(sum(months, (k) => byMonth.get(k).applications), 'month.all.applications'),
        m(sum(months, (k) => byMonth.get(k).paid), 'month.all.paid')]]);
    // the axis runs through every month from the first to the last (a month
    // without applications shows as 0; the table lists the months with some)
    const axis = [];
    if (months.length) {
      let [y, mo] = months[0].split('-').map(Number);
      const [ly, lm] = months[months.length - 1].split('-').map(Number);
      while (y < ly || (y === ly && mo <= lm)) {
        axis.push(`${y}-${String(mo).padStart(2, '0')}`);
        mo += 1;
        if (mo > 12) { mo = 1; y += 1; }
      }
    }
    const get = (k, f) => (byMonth.has(k) ? f(byMonth.get(k)) : 0);
    return draw('chart-months', {
      tooltip: { trigger: 'axis', confine: true },
      legend: { bottom: 0 },
      grid: { left: 10, right: 10, top: 40, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: axis },
      yAxis: [{ type: 'value', name: t('months.applications'), nameTextStyle: { align: 'left' }, minInterval: 1 },
        { type: 'value', name: t('months.paidAxis'), nameTextStyle: { align: 'right' }, axisLabel: { formatter: axisMoney },
          splitLine: { show: false } }],
      series: [
        { type: 'bar', name: t('months.applications'), color: '#5c6bc0', data: axis.map((k) => get(k, (a) => a.applications)) },
        { type: 'line', name: t('months.paid'), yAxisIndex: 1, color: '#2e7d32', smooth: false, symbolSize: 4,
          tooltip: { valueFormatter: moneyTip }, data: axis.map((k) => get(k, (a) => yuan(a.paid))) },
      ],
    });
  }

  // ---- what-if -----------------------------------------------------------
  function renderScenarios() {
    const sel = document.getElementById('what-if-scenario');
    const others = state.data.scenarios.filter((s) => s.scenario !== 'enacted');
    sel.replaceChildren(...others.map((s) => el('option', { value: s.scenario, text: s.scenario })));
    sel.disabled = others.length === 0;
    if (state.scenario) sel.value = state.scenario;
  }
  function renderWhatIf() {
    const w = state.data.whatIf;
    const desc = document.getElementById('what-if-description');
    if (!w) {
      desc.textContent = t('whatIf.noScenario');
      for (const id of ['table-what-if', 'table-what-if-clauses', 'table-what-if-budget']) {
        document.getElementById(id).replaceChildren();
      }
      return draw('chart-what-if', { title: { text: t('whatIf.noScenario'), left: 'center', top: 'middle',
        textStyle: { fontSize: 14, color: '#777' } }, series: [] });
    }
    const sc = state.data.scenarios.find((s) => s.scenario === w.scenario);
    desc.textContent = sc && sc.description ? `${w.scenario}: ${sc.description}` : w.scenario;

    const years = uniqueSorted(w.impact.map((r) => r.award_year));
    const per = (y, col) => sum(w.impact.filter((r) => r.award_year === y), (r) => (col.endsWith('total') || col === 'difference' ? fen(r[col]) : r[col]));
    table('table-what-if', [t('year'), t('whatIf.base'), t('whatIf.alternative'), t('whatIf.difference'),
      t('whatIf.changedAmounts'), t('whatIf.changedStatuses')],
    years.map((y) => [{ text: String(y) }, m(per(y, 'base_total'), `whatif.${y}.base`),
      m(per(y, 'alternative_total'), `whatif.${y}.alternative`), m(per(y, 'difference'), `whatif.${y}.difference`),
      c(per(y, 'changed_amounts'), `whatif.${y}.changed_amounts`), c(per(y, 'changed_statuses'), `whatif.${y}.changed_statuses`)]),
    [[{ text: t('total') }, m(sum(w.impact, (r) => fen(r.base_total)), 'whatif.base'),
      m(sum(w.impact, (r) => fen(r.alternative_total)), 'whatif.alternative'),
      m(sum(w.impact, (r) => fen(r.difference)), 'whatif.difference'),
      c(sum(w.impact, (r) => r.changed_amounts), 'whatif.changed_amounts'),
      c(sum(w.impact, (r) => r.changed_statuses), 'whatif.changed_statuses')]]);

    const changed = w.impact.filter((r) => r.changed_amounts > 0 || r.changed_statuses > 0);
    table('table-what-if-clauses', [t('year'), t('clause'), t('whatIf.base'), t('whatIf.alternative'),
      t('whatIf.difference'), t('whatIf.changedAmounts'), t('whatIf.changedStatuses')],
    changed.map((r) => {
      const k = `whatif.${r.award_year}.${r.clause_code}`;
      return [{ text: String(r.award_year) }, { text: clauseShort(r.clause_code) },
        m(fen(r.base_total), `${k}.base`), m(fen(r.alternative_total), `${k}.alternative`),
        m(fen(r.difference), `${k}.difference`), c(r.changed_amounts, `${k}.changed_amounts`),
        c(r.changed_statuses, `${k}.changed_statuses`)];
    }));

    const enacted = new Map(state.data.budget.map((r) => [budgetKey(r), r]));
    table('table-what-if-budget', [t('year'), t('budget.budget'), t('whatIf.enactedCommitted'),
      t('whatIf.scenarioCommitted'), t('budget.remaining'), t('whatIf.enactedUsed'), t('whatIf.scenarioUsed')],
    w.budget.map((r) => {
      const k = `whatif.budget.${budgetKey(r)}`;
      const e = enacted.get(budgetKey(r));
      return [{ text: budgetRowLabel(r) },
        r.budget == null ? { text: t('noBudget'), cls: 'muted' } : m(fen(r.budget), null),
        { text: e ? money(fen(e.committed_total)) : '', num: true },
        m(fen(r.committed_total), `${k}.committed`), m(fen(r.remaining), `${k}.remaining`),
        { text: e ? percent(e.used_percent) : '', num: true }, p(r.used_percent, `${k}.used_percent`)];
    }));

    const budgets = new Map(state.data.budget.filter((r) => r.clause_code == null).map((r) => [r.award_year, r.budget]));
    return draw('chart-what-if', {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: moneyTip, confine: true },
      legend: { bottom: 0 },
      grid: { left: 10, right: 20, top: 40, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: moneyAxis(t('whatIf.axis')),
      series: [
        { type: 'bar', name: t('whatIf.enacted'), color: '#78909c', data: years.map((y) => yuan(per(y, 'base_total'))) },
        { type: 'bar', name: `${t('whatIf.scenario')} ${w.scenario}`, color: '#f57c00',
          data: years.map((y) => yuan(per(y, 'alternative_total'))),
          label: { show: true, position: 'top', formatter: (x) => {
            const d = per(years[x.dataIndex], 'difference');
            return d === 0 ? '' : (d > 0 ? '+' : '') + short(d / 100);
          } } },
        // the year's budget: a mark across the pair of bars
        { type: 'scatter', name: t('budget.budget'), color: '#c62828', symbol: 'rect', symbolSize: [90, 3],
          data: years.map((y) => (budgets.get(y) == null ? '-' : yuan(fen(budgets.get(y))))) },
      ],
    });
  }

  // ---- loading and drawing ------------------------------------------------
  function renderAll() {
    applyTexts();
    renderKpis();
    renderTopYears();
    renderScenarios();
    return Promise.all([renderPaid(), renderUnits(), renderBudget(), renderQuota(), renderStatus(),
      renderTop(), renderMonths(), renderWhatIf()]);
  }

  async function loadWhatIf() {
    state.data.whatIf = state.scenario
      ? await getJSON('/api/what-if?scenario=' + encodeURIComponent(state.scenario)) : null;
  }

  async function loadAll() {
    const [health, yearClause, units, budget, quota, months, scenarios, enterprises] = await Promise.all([
      getJSON('/api/health'), getJSON('/api/year-clause'), getJSON('/api/units'), getJSON('/api/budget'),
      getJSON('/api/quota'), getJSON('/api/months'), getJSON('/api/scenarios'),
      getJSON('/api/enterprises?year=' + encodeURIComponent(state.topYear) + '&limit=10'),
    ]);
    Object.assign(state.data, {
      health: health, yearClause: yearClause.rows, units: units.rows, budget: budget.rows, quota: quota.rows,
      months: months.rows, scenarios: scenarios.rows, enterprises: enterprises,
    });
    const others = state.data.scenarios.filter((s) => s.scenario !== 'enacted').map((s) => s.scenario);
    const asked = params.get('scenario');
    state.scenario = others.includes(asked) ? asked : others[0] || null;
    await loadWhatIf();
    const line = document.getElementById('status-line');
    line.classList.remove('error');
    line.textContent = `${health.database} · ${health.role} · dsm_policy ${health.extension} · ${new Date().toLocaleString(state.lang === 'zh' ? 'zh-CN' : 'en-GB')}`;
    await renderAll();
  }

  function start() {
    applyTexts();
    document.getElementById('lang-switch').addEventListener('click', () => {
      state.lang = state.lang === 'zh' ? 'en' : 'zh';
      try { window.localStorage.setItem('dsm_policy.dashboard.lang', state.lang); } catch (e) { /* ignore */ }
      params.set('lang', state.lang);
      window.history.replaceState(null, '', '?' + params.toString());
      disposeCharts(); // ECharts' locale is set when a chart is made
      busy(renderAll());
    });
    document.getElementById('top-year').addEventListener('change', (ev) => {
      state.topYear = ev.target.value;
      busy(getJSON('/api/enterprises?year=' + encodeURIComponent(state.topYear) + '&limit=10').then((e) => {
        state.data.enterprises = e;
        return renderTop();
      }));
    });
    document.getElementById('what-if-scenario').addEventListener('change', (ev) => {
      state.scenario = ev.target.value;
      busy(loadWhatIf().then(renderWhatIf));
    });
    window.addEventListener('resize', () => {
      for (const ch of Object.values(state.charts)) ch.resize();
    });
    busy(loadAll());
  }

  if (typeof window.echarts === 'undefined') {
    fail(new Error('ECharts did not load (/vendor/echarts.min.js): run npm ci in dashboard/'));
    return;
  }
  start();
})();
