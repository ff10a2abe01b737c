import { matchRole, parseHeader, ROLE_NAMES } from '../../src/core/roles';
import type { Role } from '../../src/core/types';

/** Role → header the way detection assigns it: the best (lowest) priority wins, first column on ties. */
function assign(headers: string[]): Partial<Record<Role, string>> {
  const best: Partial<Record<Role, { header: string; priority: number }>> = {};
  for (const h of headers) {
    const m = matchRole(h);
    if (!m) continue;
    const cur = best[m.role];
    if (!cur || m.priority < cur.priority) best[m.role] = { header: h, priority: m.priority };
  }
  const out: Partial<Record<Role, string>> = {};
  for (const role of Object.keys(best) as Role[]) out[role] = best[role]!.header;
  return out;
}

describe('parseHeader', () => {
  test.each([
    ['预计金额（万元）', '预计金额', 10000],
    ['预计金额(万元)', '预计金额', 10000],
    ['预计金额【万元】', '预计金额', 10000],
    ['金额/万元', '金额', 10000],
    ['金额万元', '金额', 10000],
    ['合同金额 (亿元)', '合同金额', 100000000],
    ['金额（元）', '金额', 1],
    ['Amount (USD)', 'amount', 1],
    ['Amount USD', 'amount', 1],
    ['Amount (k)', 'amount', 1000],
    ['Amount (000s)', 'amount', 1000],
    ["Value ('000)", 'value', 1000],
    ['Value in thousands', 'value', 1000],
    ['Value (in thousands)', 'value', 1000],
    ['Value (ten-thousand)', 'value', 10000],
    ['Amount ($M)', 'amount', 1000000],
    ['Probability (%)', 'probability', 1],
    ['Win %', 'win', 1],
    ['Opportunity Lifecycle (Days)', 'opportunitylifecycle', 1],
    ['预计签约日期(YYYY-MM-DD)', '预计签约日期', 1],
    ['客户名称（必填）', '客户名称', 1],
    ['Stage (old)', 'stageold', 1],
    ['Deal  Stage', 'dealstage', 1],
    ['ＳＴＡＧＥ', 'stage', 1],
    ['(万元)', '万元', 1],
    ['', '', 1],
  ])('%s', (text, key, scale) => {
    expect(parseHeader(text)).toEqual({ key, scale });
  });
});

describe('ROLE_NAMES', () => {
  const ROLE_HEADERS = Object.fromEntries(
    Object.entries(ROLE_NAMES).map(([role, names]) => [role, names.split('|')]),
  ) as Record<Role, string[]>;

  test('no normalized name belongs to two roles', () => {
    const owner = new Map<string, Role>();
    for (const role of Object.keys(ROLE_HEADERS) as Role[]) {
      for (const name of ROLE_HEADERS[role]) {
        const key = parseHeader(name).key;
        expect(key.length).toBeGreaterThan(0);
        const prev = owner.get(key);
        if (prev && prev !== role) throw new Error(`${name} (${key}) in ${prev} and ${role}`);
        owner.set(key, role);
      }
    }
  });

  test('every role has names in both languages', () => {
    for (const role of Object.keys(ROLE_HEADERS) as Role[]) {
      const names = ROLE_HEADERS[role];
      expect(names.some((n) => /[a-z]/i.test(n))).toBe(true);
      expect(names.some((n) => /[\u4e00-\u9fff]/.test(n))).toBe(true);
    }
  });
});

describe('matchRole', () => {
  test('case, spacing, punctuation, width and units do not matter', () => {
    expect(matchRole('deal stage')?.role).toBe('stage');
    expect(matchRole('DEAL_STAGE')?.role).toBe('stage');
    expect(matchRole('Ｓｔａｇｅ')?.role).toBe('stage');
    expect(matchRole(' Close Date: ')?.role).toBe('expectedClose');
    expect(matchRole('Amount (USD)')?.role).toBe('value');
    expect(matchRole('预计金额（万元）')?.role).toBe('value');
    expect(matchRole('Probability (%)')?.role).toBe('probability');
  });

  test('common Chinese CRM export headers', () => {
    const roles = {
      所属客户: 'customer',
      关联客户: 'customer',
      跟进人员: 'rep',
      负责销售: 'rep',
      预计成交金额: 'value',
      '预计成交金额（万元）': 'value',
      预计签单日期: 'expectedClose',
      实际成交日期: 'closed',
      实际签约日期: 'closed',
      最近一次跟进时间: 'lastContact',
    };
    for (const [header, role] of Object.entries(roles))
      expect([header, matchRole(header)?.role]).toEqual([header, role]);
  });

  test('no fuzzy guessing', () => {
    expect(matchRole('Stag')).toBeNull();
    expect(matchRole('Stage (old)')).toBeNull();
    expect(matchRole('Customer Notes')).toBeNull();
    expect(matchRole('')).toBeNull();
    expect(matchRole('   ')).toBeNull();
    expect(matchRole('IsWon')).toBeNull();
    expect(matchRole('备注')).toBeNull();
  });

  test('priorities: specific names beat generic ones', () => {
    const p = (h: string) => matchRole(h)!.priority;
    expect(p('Account Name')).toBeLessThan(p('Name'));
    expect(p('客户名称')).toBeLessThan(p('名称'));
    expect(p('Account Name')).toBeLessThan(p('Deal Name'));
    expect(p('Deal Name')).toBeLessThan(p('Name'));
    expect(p('Name')).toBeLessThan(p('AccountId'));
    expect(p('Amount')).toBeLessThan(p('Expected Revenue'));
    expect(p('Opportunity Owner')).toBeLessThan(p('OwnerId'));
    expect(p('预计金额')).toBeLessThan(p('成交金额'));
    expect(p('Won Time')).toBeLessThan(p('Lost Time'));
    expect(p('create_date')).toBeLessThan(p('date_open'));
    expect(assign(['Name', 'Account Name'])).toEqual({ customer: 'Account Name' });
    expect(assign(['名称', '客户名称'])).toEqual({ customer: '客户名称' });
  });

  test('CRM and Chinese names', () => {
    const cases: [string, Role][] = [
      ['Opportunity ID', 'id'],
      ['商机编号', 'id'],
      ['编号', 'id'],
      ['Opportunity Owner', 'rep'],
      ['hubspot_owner_id', 'rep'],
      ['Deal Owner', 'rep'],
      ['user_id', 'rep'],
      ['salesperson', 'rep'],
      ['负责人', 'rep'],
      ['客户经理', 'rep'],
      ['所属销售', 'rep'],
      ['Opportunity Stage', 'stage'],
      ['dealstage', 'stage'],
      ['stage_id', 'stage'],
      ['当前阶段', 'stage'],
      ['Deal Status', 'status'],
      ['跟进状态', 'status'],
      ['Organization', 'customer'],
      ['Title', 'customer'],
      ['dealname', 'customer'],
      ['公司名称', 'customer'],
      ['单位', 'customer'],
      ['项目名称', 'customer'],
      ['Value', 'value'],
      ['expected_revenue', 'value'],
      ['合同金额', 'value'],
      ['Create Date', 'created'],
      ['Created Time', 'created'],
      ['Deal created', 'created'],
      ['首次接触', 'created'],
      ['录入日期', 'created'],
      ['Closing Date', 'expectedClose'],
      ['closedate', 'expectedClose'],
      ['Expected close date', 'expectedClose'],
      ['date_deadline', 'expectedClose'],
      ['预计结单日期', 'expectedClose'],
      ['预计成交日期', 'expectedClose'],
      ['Won time', 'closed'],
      ['Lost time', 'closed'],
      ['成交日期', 'closed'],
      ['签约日期', 'closed'],
      ['关闭日期', 'closed'],
      ['Last Activity Date', 'lastContact'],
      ['hs_lastactivitydate', 'lastContact'],
      ['Last Activity Time', 'lastContact'],
      ['最后跟进时间', 'lastContact'],
      ['最近联系', 'lastContact'],
      ['Next Step', 'nextAction'],
      ['hs_next_step', 'nextAction'],
      ['下一步计划', 'nextAction'],
      ['Next Activity Date', 'nextActionDue'],
      ['下一步截止', 'nextActionDue'],
      ['计划日期', 'nextActionDue'],
      ['Stage Entered', 'stageEntered'],
      ['date_last_stage_update', 'stageEntered'],
      ['阶段开始日期', 'stageEntered'],
      ['Last Updated', 'lastUpdated'],
      ['Modified Time', 'lastUpdated'],
      ['更新时间', 'lastUpdated'],
      ['Resume On', 'resumeOn'],
      ['Snooze Until', 'resumeOn'],
      ['搁置至', 'resumeOn'],
      ['Support Needed', 'support'],
      ['支持需求', 'support'],
      ['Win %', 'probability'],
      ['成交概率', 'probability'],
      ['赢率', 'probability'],
    ];
    for (const [h, role] of cases) expect([h, matchRole(h)?.role]).toEqual([h, role]);
  });
});

describe('real exports', () => {
  test('Maven CRM sales_pipeline.csv', () => {
    const headers = [
      'opportunity_id',
      'sales_agent',
      'product',
      'account',
      'deal_stage',
      'engage_date',
      'close_date',
      'close_value',
    ];
    expect(assign(headers)).toEqual({
      id: 'opportunity_id',
      rep: 'sales_agent',
      customer: 'account',
      stage: 'deal_stage',
      created: 'engage_date',
      expectedClose: 'close_date',
      value: 'close_value',
    });
    expect(matchRole('product')).toBeNull();
  });

  test('Salesforce Opportunity.csv', () => {
    const headers = [
      'Id',
      'AccountId',
      'Name',
      'Description',
      'StageName',
      'Amount',
      'Probability',
      'ExpectedRevenue',
      'CloseDate',
      'NextStep',
      'LeadSource',
      'IsClosed',
      'IsWon',
      'CreatedDate',
      'LastModifiedDate',
      'LastActivityDate',
      'Opportunity Lifecycle (Days)',
      'Opp Creation Date_Simulated',
      'Opp Close Date_Simulated',
    ];
    expect(assign(headers)).toEqual({
      id: 'Id',
      customer: 'Name',
      stage: 'StageName',
      value: 'Amount',
      probability: 'Probability',
      expectedClose: 'CloseDate',
      nextAction: 'NextStep',
      created: 'CreatedDate',
      lastUpdated: 'LastModifiedDate',
      lastContact: 'LastActivityDate',
    });
    expect(matchRole('AccountId')?.role).toBe('customer');
    expect(matchRole('ExpectedRevenue')?.role).toBe('value');
    for (const h of ['Description', 'LeadSource', 'IsClosed', 'IsWon', 'Opportunity Lifecycle (Days)']) {
      expect(matchRole(h)).toBeNull();
    }
  });

  test('Odoo 16 crm.lead demo', () => {
    const headers = [
      'xml_id',
      'type',
      'name',
      'partner_name',
      'partner_id',
      'contact_name',
      'function',
      'email_from',
      'phone',
      'city',
      'country_id',
      'tag_ids',
      'priority',
      'team',
      'salesperson',
      'stage',
      'status',
      'expected_revenue',
      'probability',
      'create_date',
      'date_open',
      'date_deadline',
      'campaign_id',
      'medium_id',
      'source_id',
      'n_messages',
      'create_date_expr',
      'date_open_expr',
      'date_deadline_expr',
    ];
    expect(assign(headers)).toEqual({
      id: 'xml_id',
      customer: 'partner_name',
      rep: 'salesperson',
      stage: 'stage',
      status: 'status',
      value: 'expected_revenue',
      probability: 'probability',
      created: 'create_date',
      expectedClose: 'date_deadline',
    });
    for (const h of ['type', 'contact_name', 'priority', 'team', 'create_date_expr', 'n_messages']) {
      expect(matchRole(h)).toBeNull();
    }
  });

  test('Chinese opportunity import template (商机导入模板)', () => {
    const headers = [
      '商机名称',
      '所属事业部',
      '指标类型',
      '所属年度',
      '所属季度',
      '预计金额（万元）',
      '商机阶段',
      '商机状态',
      '预计达成时间',
      '备注',
    ];
    expect(assign(headers)).toEqual({
      customer: '商机名称',
      value: '预计金额（万元）',
      stage: '商机阶段',
      status: '商机状态',
      expectedClose: '预计达成时间',
    });
    expect(parseHeader('预计金额（万元）')).toEqual({ key: '预计金额', scale: 10000 });
  });
});
