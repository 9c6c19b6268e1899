// The app's two languages: Simplified Chinese first (the default), English second. Every string
// the page shows comes from here (or from errors.ts for failures), with `{name}` placeholders.

export type Lang = 'zh' | 'en';

const zh = {
  'app.title': '共治 · 居民',
  'app.tagline': '社区服务，居民共治',
  'lang.switch': 'English',
  'nav.home': '我的',
  'nav.surveys': '调研',
  'nav.ballots': '投票',
  'nav.vouchers': '服务券',
  'nav.ratings': '评价',
  'nav.key': '账户',

  'sync.starting': '正在启动轻节点…',
  'sync.connecting': '正在连接区块链网络…',
  'sync.syncing': '正在同步：已确认第 {finalized} 块（最新第 {best} 块，{peers} 个节点）',
  'sync.ready': '已同步 · 已确认第 {finalized} 块 · {peers} 个节点',
  'sync.lost': '与网络的连接中断，正在重试…',
  'sync.note': '本页面通过内置的轻节点直接验证区块链数据，不依赖任何服务器。',

  'key.none': '您还没有账户。请新建一个，或导入已有的助记词。',
  'key.create': '新建账户',
  'key.import': '导入助记词',
  'key.restore': '从备份文件恢复',
  'key.dev': '开发链测试居民',
  'key.devNote': '这是开发链，可以直接使用测试居民账户：',
  'key.mnemonic': '助记词（12 个英文单词）',
  'key.mnemonicShow': '请抄下这 12 个词并妥善保管。丢失后无法找回，任何人拿到都可以冒用您的账户。',
  'key.mnemonicInvalid': '助记词不正确，请检查每个单词和顺序。',
  'key.password': '密码（至少 8 位）',
  'key.password2': '再次输入密码',
  'key.passwordMismatch': '两次输入的密码不一致。',
  'key.passwordShort': '密码至少需要 8 位。',
  'key.passwordWrong': '密码不正确。',
  'key.save': '加密保存',
  'key.unlock': '解锁',
  'key.locked': '账户已加密保存在本机。请输入密码解锁。',
  'key.lock': '锁定',
  'key.address': '我的账户地址',
  'key.addressNote': '请把这个地址（或二维码）交给社区工作人员，由他们为您登记为居民。',
  'key.copy': '复制地址',
  'key.copied': '已复制',
  'key.export': '下载加密备份',
  'key.exportNote': '备份文件已加密，恢复时需要密码。它也保存了您秘密投票的随机数。',
  'key.showMnemonic': '显示助记词',
  'key.forget': '从本机删除账户',
  'key.forgetConfirm': '确定从本机删除？没有备份或助记词将无法恢复。',
  'key.backupBad': '这不是有效的共治备份文件。',
  'key.cancel': '取消',

  'home.notResident': '这个账户还没有登记为居民。请把上面的地址交给社区工作人员登记。',
  'home.community': '所在社区',
  'home.office': '街道办事处',
  'home.resident': '居民编号',
  'home.since': '登记时间',
  'home.household': '户籍信息',
  'home.householdYes': '已登记户号',
  'home.householdNo': '未登记户号',
  'home.todo': '现在可以做的事',
  'home.todoNone': '目前没有需要您处理的事项。',
  'home.todoSurveys': '{n} 份调研问卷待填写',
  'home.todoBallots': '{n} 个项目可以投票',
  'home.todoClaims': '{n} 个服务券项目可以申领',
  'home.todoVouchers': '手上有 {n} 张服务券',
  'home.todoRate': '{n} 次服务待评价',
  'home.block': '第 {n} 块',

  'survey.none': '目前没有可以填写的调研。',
  'survey.open': '开放时间：{from} 至 {to}',
  'survey.responses': '已有 {n} 人回答，参与率 {pct}',
  'survey.pick': '请选择一项',
  'survey.pickMany': '最多选择 {n} 项',
  'survey.rate': '打分（1 最低，5 最高）',
  'survey.submit': '提交答卷',
  'survey.amend': '修改答卷',
  'survey.answered': '您已回答这份调研。调研开放期间可以修改（最多 {n} 次）。',
  'survey.incomplete': '请回答每一道题。',
  'survey.results': '当前结果',
  'survey.votes': '{n} 票',
  'survey.average': '平均 {avg} 分（{n} 人）',

  'ballot.none': '目前没有可以投票的项目。',
  'ballot.budget': '预算：{amount}',
  'ballot.voting': '投票时间：{from} 至 {to}',
  'ballot.reveal': '揭晓时间：{from} 至 {to}',
  'ballot.secret': '秘密投票：先提交加密的选择，揭晓期再公开。',
  'ballot.open': '公开投票',
  'ballot.bid': '{provider} · 报价 {price}',
  'ballot.vote': '投给这一家',
  'ballot.commit': '秘密投给这一家',
  'ballot.revealNow': '公开我的选择（揭晓）',
  'ballot.revealWait': '您的秘密选票已提交。揭晓期（{from} 起）请回来公开您的选择，否则不计票。',
  'ballot.revealed': '您的选择已公开并计票。',
  'ballot.saltMissing': '本机没有这张秘密选票的随机数，无法揭晓。请从备份文件恢复。',
  'ballot.receipt': '我的选票回执',
  'ballot.receiptNone': '您在这个项目中还没有投票。',
  'ballot.receiptBid': '投给：第 {bid} 号报价',
  'ballot.receiptCommitted': '已提交秘密选票（尚未揭晓）',
  'ballot.receiptRevealed': '已揭晓：第 {bid} 号报价',
  'ballot.counted': '已计票',
  'ballot.notCounted': '未计票',
  'ballot.changes': '已修改 {n} 次',
  'ballot.inBlock': '记录在第 {n} 块',
  'ballot.finalized': '已最终确认，不可更改',
  'ballot.notFinalized': '尚未最终确认',
  'ballot.verified': '已通过轻节点按存储证明核对',
  'ballot.paper': '请工作人员代为提交（二维码）',
  'ballot.paperNote': '请工作人员用手机扫描这个二维码，替您提交这张已签名的选票。它在第 {deadline} 块之前有效，只能使用一次。',
  'ballot.tally': '当前票数',
  'ballot.hidden': '秘密投票结束前不公布票数',

  'voucher.none': '目前没有服务券。',
  'voucher.claimable': '可以申领',
  'voucher.claim': '申领服务券',
  'voucher.value': '面值 {amount}',
  'voucher.claimWindow': '申领时间：{from} 至 {to}',
  'voucher.expires': '有效期至 {date}',
  'voucher.mine': '我的服务券',
  'voucher.number': '服务券 #{id}',
  'voucher.issued': '未使用',
  'voucher.redeemed': '已使用，等待服务机构确认',
  'voucher.confirmed': '服务已确认',
  'voucher.settled': '已结算',
  'voucher.expired': '已过期',
  'voucher.chooseProvider': '选择服务机构',
  'voucher.redeem': '在线使用',
  'voucher.offline': '出示二维码（离线使用）',
  'voucher.offlineNote': '请服务机构扫描这个二维码。它只能由 {provider} 在第 {deadline} 块之前使用一次。',

  'rate.none': '目前没有待评价的服务。',
  'rate.service': '服务记录 #{id}',
  'rate.score': '满意度（1 很不满意，5 非常满意）',
  'rate.submit': '提交评价',
  'rate.badNote': '评分 1 或 2 分将开启整改跟进，服务机构必须在期限内回应。',
  'rate.cases': '我的评价与跟进',
  'rate.scoreShown': '评分：{score} 分',
  'case.none': '没有整改跟进。',
  'case.open': '整改跟进中：机构须在{deadline}前回应（第 {block} 块）',
  'case.responded': '机构已回应（{at}，第 {block} 块），等待街道办结案',
  'case.overdue': '机构逾期未回应',
  'case.closed': '已结案',
  'case.dismissed': '已撤销（申诉成立）',

  'tx.checking': '正在检查…',
  'tx.signing': '正在签名…',
  'tx.submitted': '已提交，等待打包进区块…',
  'tx.inBlock': '已打包进第 {n} 块，等待最终确认…',
  'tx.finalized': '已最终确认（第 {n} 块）。',
  'tx.failed': '未能完成：{reason}',
  'tx.dropped': '交易未被网络接受：{reason}',
  'tx.free': '免费',
  'tx.notFree': '这项操作需要支付手续费，而居民账户没有余额。',

  'common.loading': '加载中…',
  'common.refresh': '刷新',
  'common.back': '返回',
  'common.yes': '是',
  'common.no': '否',
  'common.fen': '{yuan} 元',
  'common.aboutBlock': '约 {date}',
};

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  'app.title': 'Gongzhi · Residents',
  'app.tagline': 'Community services, governed by residents',
  'lang.switch': '中文',
  'nav.home': 'Me',
  'nav.surveys': 'Surveys',
  'nav.ballots': 'Ballots',
  'nav.vouchers': 'Vouchers',
  'nav.ratings': 'Ratings',
  'nav.key': 'Account',

  'sync.starting': 'Starting the light client…',
  'sync.connecting': 'Connecting to the network…',
  'sync.syncing': 'Syncing: finalized block {finalized} (best {best}, {peers} peers)',
  'sync.ready': 'Synced · finalized block {finalized} · {peers} peers',
  'sync.lost': 'Lost the network; retrying…',
  'sync.note': 'This page checks the chain itself with a built-in light client; it trusts no server.',

  'key.none': 'You have no account yet. Create one, or import your recovery phrase.',
  'key.create': 'Create an account',
  'key.import': 'Import a recovery phrase',
  'key.restore': 'Restore from a backup file',
  'key.dev': 'Dev chain test residents',
  'key.devNote': 'This is a development chain: you may use a test resident:',
  'key.mnemonic': 'Recovery phrase (12 English words)',
  'key.mnemonicShow': 'Write these 12 words down and keep them safe. If lost they cannot be recovered; anyone who has them can act as you.',
  'key.mnemonicInvalid': 'That recovery phrase is not valid: check each word and their order.',
  'key.password': 'Password (at least 8 characters)',
  'key.password2': 'Password again',
  'key.passwordMismatch': 'The two passwords differ.',
  'key.passwordShort': 'The password needs at least 8 characters.',
  'key.passwordWrong': 'Wrong password.',
  'key.save': 'Encrypt and save',
  'key.unlock': 'Unlock',
  'key.locked': 'Your account is saved encrypted on this device. Enter your password to unlock it.',
  'key.lock': 'Lock',
  'key.address': 'My account address',
  'key.addressNote': 'Give this address (or its QR code) to your community officer to be registered as a resident.',
  'key.copy': 'Copy address',
  'key.copied': 'Copied',
  'key.export': 'Download encrypted backup',
  'key.exportNote': 'The backup is encrypted: you need your password to restore it. It also keeps your secret ballots\u2019 salts.',
  'key.showMnemonic': 'Show recovery phrase',
  'key.forget': 'Remove the account from this device',
  'key.forgetConfirm': 'Remove it from this device? Without a backup or the phrase it cannot be recovered.',
  'key.backupBad': 'This is not a valid Gongzhi backup file.',
  'key.cancel': 'Cancel',

  'home.notResident': 'This account is not registered as a resident yet. Give the address above to your community officer.',
  'home.community': 'Community',
  'home.office': 'Street office',
  'home.resident': 'Resident number',
  'home.since': 'Registered',
  'home.household': 'Household',
  'home.householdYes': 'household registered',
  'home.householdNo': 'no household registered',
  'home.todo': 'What you can do now',
  'home.todoNone': 'Nothing needs you right now.',
  'home.todoSurveys': '{n} survey(s) to answer',
  'home.todoBallots': '{n} ballot(s) open to you',
  'home.todoClaims': '{n} voucher programme(s) to claim from',
  'home.todoVouchers': '{n} voucher(s) in hand',
  'home.todoRate': '{n} service(s) to rate',
  'home.block': 'block {n}',

  'survey.none': 'No surveys are open to you now.',
  'survey.open': 'Open from {from} to {to}',
  'survey.responses': '{n} responses so far, turnout {pct}',
  'survey.pick': 'Choose one',
  'survey.pickMany': 'Choose up to {n}',
  'survey.rate': 'Rate it (1 lowest, 5 highest)',
  'survey.submit': 'Send my answers',
  'survey.amend': 'Change my answers',
  'survey.answered': 'You have answered this survey. You may change your answers while it is open (at most {n} times).',
  'survey.incomplete': 'Please answer every question.',
  'survey.results': 'Results so far',
  'survey.votes': '{n} votes',
  'survey.average': 'average {avg} ({n} answers)',

  'ballot.none': 'No ballots are open to you now.',
  'ballot.budget': 'Budget: {amount}',
  'ballot.voting': 'Voting from {from} to {to}',
  'ballot.reveal': 'Reveal from {from} to {to}',
  'ballot.secret': 'Secret ballot: send a sealed choice now, reveal it in the reveal window.',
  'ballot.open': 'Open ballot',
  'ballot.bid': '{provider} · price {price}',
  'ballot.vote': 'Vote for this one',
  'ballot.commit': 'Vote for this one, secretly',
  'ballot.revealNow': 'Reveal my choice',
  'ballot.revealWait': 'Your sealed ballot is in. Come back in the reveal window (from {from}) to reveal it, or it won\u2019t count.',
  'ballot.revealed': 'Your choice is revealed and counted.',
  'ballot.saltMissing': 'This device lacks the salt of that sealed ballot, so it can\u2019t be revealed. Restore your backup file.',
  'ballot.receipt': 'My ballot receipt',
  'ballot.receiptNone': 'You have not voted in this project.',
  'ballot.receiptBid': 'For: bid no. {bid}',
  'ballot.receiptCommitted': 'Sealed ballot in (not revealed yet)',
  'ballot.receiptRevealed': 'Revealed: bid no. {bid}',
  'ballot.counted': 'counted',
  'ballot.notCounted': 'not counted',
  'ballot.changes': 'changed {n} time(s)',
  'ballot.inBlock': 'recorded in block {n}',
  'ballot.finalized': 'finalized: it can no longer change',
  'ballot.notFinalized': 'not finalized yet',
  'ballot.verified': 'checked by the light client against a storage proof',
  'ballot.paper': 'Have an officer submit it (QR code)',
  'ballot.paperNote': 'An officer scans this QR code and submits your signed ballot for you. It is valid until block {deadline} and can be used once.',
  'ballot.tally': 'Votes so far',
  'ballot.hidden': 'Secret ballot: no counts until revealing ends',

  'voucher.none': 'No vouchers yet.',
  'voucher.claimable': 'You may claim',
  'voucher.claim': 'Claim a voucher',
  'voucher.value': 'worth {amount}',
  'voucher.claimWindow': 'Claims from {from} to {to}',
  'voucher.expires': 'valid until {date}',
  'voucher.mine': 'My vouchers',
  'voucher.number': 'Voucher #{id}',
  'voucher.issued': 'unused',
  'voucher.redeemed': 'used, awaiting the provider\u2019s confirmation',
  'voucher.confirmed': 'service confirmed',
  'voucher.settled': 'settled',
  'voucher.expired': 'expired',
  'voucher.chooseProvider': 'Choose a provider',
  'voucher.redeem': 'Use it online',
  'voucher.offline': 'Show a QR code (offline)',
  'voucher.offlineNote': 'Let the provider scan this QR code. Only {provider} can use it, once, until block {deadline}.',

  'rate.none': 'No services are waiting for your rating.',
  'rate.service': 'Service record #{id}',
  'rate.score': 'Satisfaction (1 very unhappy, 5 very happy)',
  'rate.submit': 'Send my rating',
  'rate.badNote': 'A rating of 1 or 2 opens a follow-up case that the provider must answer in time.',
  'rate.cases': 'My ratings and follow-ups',
  'rate.scoreShown': 'Score: {score}',
  'case.none': 'No follow-up case.',
  'case.open': 'Follow-up open: the provider must answer by {deadline} (block {block})',
  'case.responded': 'The provider answered ({at}, block {block}); awaiting the office\u2019s decision',
  'case.overdue': 'The provider did not answer in time',
  'case.closed': 'Closed',
  'case.dismissed': 'Dismissed (appeal upheld)',

  'tx.checking': 'Checking…',
  'tx.signing': 'Signing…',
  'tx.submitted': 'Sent; waiting to be included in a block…',
  'tx.inBlock': 'In block {n}; waiting for finality…',
  'tx.finalized': 'Finalized (block {n}).',
  'tx.failed': 'Not done: {reason}',
  'tx.dropped': 'The network refused it: {reason}',
  'tx.free': 'free',
  'tx.notFree': 'This would cost a fee, and a resident\u2019s account holds no tokens.',

  'common.loading': 'Loading…',
  'common.refresh': 'Refresh',
  'common.back': 'Back',
  'common.yes': 'yes',
  'common.no': 'no',
  'common.fen': '¥{yuan}',
  'common.aboutBlock': 'about {date}',
};

export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { zh, en };

let current: Lang = 'zh';

export function setLang(lang: Lang) {
  current = lang;
  if (typeof document !== 'undefined') document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

export function lang(): Lang {
  return current;
}

/** The message `key` in the current language, with `{name}` replaced by `params.name`. */
export function t(key: MessageKey, params: Record<string, string | number | bigint> = {}, language: Lang = current): string {
  const template = MESSAGES[language][key];
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** A date and time as residents read them: 2026年12月1日 14:05 / 1 Dec 2026, 14:05. */
export function formatDate(date: Date, language: Lang = current): string {
  return new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(date);
}

/** An amount in fen (分), shown in yuan. */
export function formatFen(fen: bigint | number, language: Lang = current): string {
  const v = BigInt(fen);
  const yuan = `${v / 100n}.${String(v % 100n).padStart(2, '0')}`;
  return t('common.fen', { yuan }, language);
}

export function formatPercent(permill: number, language: Lang = current): string {
  return new Intl.NumberFormat(language === 'zh' ? 'zh-CN' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(permill / 1_000_000);
}

/**
 * When block `n` was or will be made, estimated from a known block and its timestamp at one
 * block per `slotMs` (6 s on Gongzhi).
 */
export function blockTime(n: number, known: { number: number; timestampMs: number }, slotMs = 6000): Date {
  return new Date(known.timestampMs + (n - known.number) * slotMs);
}
