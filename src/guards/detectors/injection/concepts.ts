/**
 * Multilingual attack-concept features. The n-gram model learns the style of
 * the sources it was trained on, so an attack in an unseen style or language
 * scores like benign text (docs/injection-model.md). These features name the
 * INTENT instead: small hand-written lexicons of attack concepts (override
 * verbs, prior-instruction words, secrets, reveal verbs, role switches, …) in
 * English and the 19 other languages of the data. A window's concept features
 * are the concepts present, every co-occurring pair (e.g. override ×
 * instruction, reveal × secret) and the number of distinct concepts; the
 * linear model learns one weight for each.
 *
 * Matching needs no RegExp: one pass over word tokens of the normalised text
 * (exact words and word pairs from a Map, stems by a 4-character key then
 * `startsWith`), plus `indexOf` phrase lists for scripts written without
 * spaces (Chinese, Japanese, Korean, Thai), run only when such characters occur.
 * The words were written for this project, not taken from any dataset.
 */

/** The attack concepts, in feature order. */
export const CONCEPTS = [
  'override',
  'prior',
  'instruction',
  'secret',
  'reveal',
  'role',
  'unrestricted',
  'addressed-to-ai',
  'new-task',
  'action',
  'conceal',
  'personal-data',
  'recipient',
] as const;

export type Concept = (typeof CONCEPTS)[number];

const CONCEPT_COUNT = CONCEPTS.length;

/**
 * Concept pairs that count only when close (within {@link NEAR_CHARS}, either
 * order, for verb-final languages): a window-wide co-occurrence of "ignore"
 * and "rules" is common in documentation, "ignore the rules" is not.
 */
const NEAR_PAIRS: readonly (readonly [Concept, Concept])[] = [
  ['override', 'instruction'],
  ['override', 'prior'],
  ['reveal', 'secret'],
  ['role', 'unrestricted'],
  ['addressed-to-ai', 'new-task'],
  ['action', 'conceal'],
  ['action', 'personal-data'],
  ['action', 'recipient'],
];
const NEAR_CHARS = 60;
const PAIR_COUNT = (CONCEPT_COUNT * (CONCEPT_COUNT - 1)) / 2;
/** Distinct-concept count features: at least 2, 3 and 4 concepts in the window. */
const COUNT_LEVELS = [2, 3, 4] as const;

/** Feature ids, in slot order: concepts, pairs, distinct-concept counts. Recorded in the weights. */
export const CONCEPT_FEATURE_IDS: readonly string[] = (() => {
  const ids: string[] = [...CONCEPTS];
  for (let first = 0; first < CONCEPT_COUNT; first++) {
    for (let second = first + 1; second < CONCEPT_COUNT; second++) {
      ids.push(`${CONCEPTS[first] ?? ''}+${CONCEPTS[second] ?? ''}`);
    }
  }
  for (const level of COUNT_LEVELS) ids.push(`concepts>=${String(level)}`);
  for (const [first, second] of NEAR_PAIRS) ids.push(`${first}~${second}`);
  return ids;
})();

/** Number of concept feature slots in the model. */
export const CONCEPT_FEATURES = CONCEPT_FEATURE_IDS.length;

/**
 * Lexicon entries per concept. A plain entry is a stem matched at the start of
 * a word (at least 4 characters); `=word` must be the whole word; an entry
 * with a space is a pair of whole words (the first whole, the second a stem).
 */
// prettier-ignore
const LEXICON: Readonly<Record<Concept, readonly string[]>> = {
  override: [
    // en
    '=ignore', '=ignoring', '=disregard', '=disregarding', '=forget', '=forgetting', '=override',
    '=bypass', '=skip', 'circumvent', "don't follow", 'stop following', 'set aside', 'throw away',
    'supersed', 'overwrit',
    // de
    'ignorier', 'vergiss', 'vergessen', 'missacht', 'übergeh', 'umgeh', 'verwirf', 'überschreib',
    'außer acht', 'nicht befolg',
    // fr
    'oubli', 'néglig', 'contourn', 'outrepass', 'passe outre', 'faites abstraction',
    // es, pt, it, ro
    'olvid', 'ignór', 'ignoré', 'omit', 'esqueç', 'esquec', 'desconsider', 'dimentic', 'trascur',
    'tralascia', 'uită', 'uita', 'neglij', 'ocoli',
    // ru
    'игнорир', 'проигнорир', 'забудь', 'забуд', 'забыть', 'пренебре', 'отбрось', 'обойди',
    'не обращ', 'не следуй',
    // el
    'αγνόησ', 'αγνοησ', 'αγνόη', 'ξέχασ', 'ξεχασ', 'παράκαμψ', 'παρακαμψ',
    // tr
    'yoksay', 'görmezden', 'göz ardı', '=unut', 'unutun', 'unutup', 'atla',
    // ar
    'تجاهل', 'وتجاهل', 'انسى', 'انس', 'أهمل', 'اهمل', 'تخط',
    // hi, bn
    'अनदेखा', 'भूल', 'नज़रअंदाज़', 'नजरअंदाज', 'উপেক্ষা', 'ভুলে', 'অগ্রাহ্য',
    // id, tl
    'abaikan', 'lupakan', '=lupa', 'huwag pansinin', 'balewalain', 'kalimutan', 'kalimutan',
    'baliwalain',
    // vi
    'bỏ qua', 'phớt lờ', 'quên đi', '=quên', 'lờ đi',
  ],
  prior: [
    'previous', 'prior', '=above', 'earlier', 'preceding', 'original', 'initial', 'foregoing',
    'vorherig', 'vorig', 'bisherig', 'obig', 'ursprünglich', 'précédent', 'antérieur', 'ci-dessus',
    'initial', 'anterior', 'previa', 'previo', 'precedent', 'arriba', 'original', 'inizial',
    'sopra', 'anterioar', 'precedent', 'предыдущ', 'прежн', 'выше', 'исходн', 'предшеств',
    'προηγούμεν', 'προηγουμεν', 'αρχικ', 'önceki', 'yukarıdaki', 'السابق', 'التعليمات السابقة',
    'أعلاه', 'पिछल', 'पहले', 'ऊपर', 'पূর্ববর্তী', 'আগের', 'পূর্বের', 'উপরের', 'sebelum', 'di atas',
    'nakaraan', 'naunang', 'trước đó', 'ở trên',
  ],
  instruction: [
    'instruction', 'rules', '=rule', 'guideline', 'directive', '=prompt', 'prompts', 'restriction',
    'programming', 'constraint', 'guardrail', 'safeguard', 'anweisung', 'regeln', 'richtlinie',
    'vorgabe', 'befehl', 'einschränkung', 'consigne', 'règle', 'directive', 'restriction',
    'instrucci', 'instruç', 'reglas', 'regras', 'directriz', 'diretriz', 'restricci', 'restriç',
    'istruzion', 'regole', 'direttiv', 'instrucțiun', 'instructiun', 'regulil', 'reguli',
    'инструкц', 'указани', 'правил', 'ограничен', 'директив', 'команд', 'οδηγί', 'οδηγι', 'κανόν',
    'κανον', 'εντολ', 'περιορισμ', 'talimat', 'kural', 'yönerge', 'komut', 'kısıtlama', 'التعليمات',
    'تعليمات', 'القواعد', 'قواعد', 'الأوامر', 'أوامر', 'الإرشادات', 'निर्देश', 'नियम', 'निर्देशों',
    'নির্দেশ', 'নিয়ম', 'instruksi', 'aturan', 'perintah', 'petunjuk', 'tagubilin', 'panuto',
    'patakaran', 'utos', 'hướng dẫn', 'chỉ dẫn', 'quy tắc', 'chỉ thị', 'lệnh',
  ],
  secret: [
    'system prompt', 'system message', 'system instruction', 'hidden instruction', 'initial prompt',
    'password', 'passcode', 'passphrase', '=secret', 'secrets', 'secret key', 'api key',
    'confidential', 'credential', '=token', 'private key', 'passwort', 'kennwort', 'geheim',
    'systemprompt', 'vertraulich', 'mot de passe', 'secret', 'confidentiel', 'invite système',
    'contraseña', 'senha', 'secreto', 'segredo', 'confidencial', 'parola', 'segreto', 'riservat',
    'parolă', 'parola', 'secret', 'пароль', 'парол', 'секрет', 'системн', 'промпт', 'конфиденциал',
    'κωδικ', 'μυστικ', 'συνθηματικ', 'εμπιστευτικ', 'şifre', 'parola', 'gizli', 'sistem istemi',
    'sistem mesaj', 'كلمة المرور', 'كلمة السر', 'السر', 'سري', 'النظام', 'पासवर्ड', 'गुप्त',
    'सिस्टम', 'পাসওয়ার্ড', 'গোপন', 'সিস্টেম', 'kata sandi', 'rahasia', 'sandi', 'lihim',
    'password', 'mật khẩu', 'bí mật', 'hệ thống',
  ],
  reveal: [
    'reveal', '=print', 'repeat', '=output', 'disclose', '=leak', '=show', 'display', 'spell out',
    'tell me', 'recite', 'verbatim', 'write down', 'dump', 'verrat', 'zeig', 'wiederhol', 'gib aus',
    'ausgeben', 'offenleg', 'enthüll', 'nenne', 'révèl', 'revel', 'affich', 'répét', 'montre',
    'divulg', 'imprim', 'dis-moi', 'revela', 'muestra', 'repite', 'mostr', 'repet', 'rivela',
    'mostra', 'ripeti', 'stampa', 'dezvălu', 'dezvalu', 'afișe', 'afise', 'arată', 'repetă',
    'раскрой', 'покажи', 'выведи', 'повтори', 'напечат', 'раскры', 'сообщи', 'скажи', 'αποκάλυψ',
    'αποκαλυψ', 'δείξ', 'δειξ', 'επανάλαβ', 'εμφάνισ', 'πες μου', 'göster', 'açıkla', 'tekrarla',
    'yazdır', 'söyle', 'ifşa', 'اكشف', 'أظهر', 'اظهر', 'كرر', 'اطبع', 'أخبرني', 'اعرض', 'दिखा',
    'बताओ', 'बताएं', 'प्रकट', 'दोहरा', 'प्रिंट', 'দেখাও', 'প্রকাশ', 'বলো', 'পুনরাবৃত্তি',
    'ungkapkan', 'tampilkan', 'tunjukkan', 'ulangi', 'cetak', 'beritahu', 'ipakita', 'sabihin',
    'ulitin', 'ibunyag', 'tiết lộ', 'hiển thị', 'lặp lại', 'in ra', 'cho tôi biết',
  ],
  role: [
    'you are now', 'act as', '=acting', 'pretend', 'roleplay', 'role-play', 'role play', 'from now',
    'persona', 'in character', 'stay in', 'simulate', 'imagine you', 'you will be', 'are now',
    'alter ego', 'hypothetical', 'fictional', 'two responses', 'character', 'du bist jetzt',
    'tu so', 'spiel', 'ab jetzt', 'von nun', 'tu es maintenant', 'fais semblant', 'joue le',
    'fais comme', 'désormais', 'à partir de maintenant', 'ahora eres', 'finge', 'actúa como',
    'a partir de ahora', 'agora você', 'finja', 'aja como', 'a partir de agora', 'ora sei', 'fingi',
    'comportati', "d'ora in poi", 'acum ești', 'prefă', 'comportă', 'de acum', 'теперь ты',
    'притворись', 'представь', 'веди себя', 'сыграй', 'отныне', 'с этого момента', 'είσαι τώρα',
    'προσποιήσου', 'παρίστανε', 'από τώρα', 'artık sen', 'gibi davran', 'rol yap',
    'şu andan itibaren', 'bundan sonra', 'أنت الآن', 'تظاهر', 'تصرف', 'من الآن', 'अब तुम', 'अब आप',
    'नाटक', 'अभिनय', 'এখন তুমি', 'ভান', 'অভিনয়', 'sekarang kamu', 'sekarang anda', 'berpura',
    'bertindak', 'mulai sekarang', 'ikaw ngayon', 'magpanggap', 'kumilos', 'mula ngayon',
    'bây giờ bạn', 'giả vờ', 'đóng vai', 'hãy hành động', 'từ giờ', 'từ bây giờ',
  ],
  unrestricted: [
    '=dan', 'jailbreak', 'jailbroken', 'developer mode', 'unfiltered', 'uncensored', 'unrestricted',
    'no restrictions', 'no limit', 'no filter', 'no ethic', 'no moral', 'without restrictions',
    'without limit', 'without filter', 'without any', 'never refuse', 'amoral', 'unethical',
    'immoral', 'do anything', 'not bound', 'free from', 'no rules', 'any rules', 'illegal',
    'unbound', 'ohne einschränk', 'ohne filter', 'unzensiert', 'keine regeln', 'keine einschränk',
    'sans restriction', 'sans filtre', 'sans limite', 'non censur', 'aucune règle', 'aucune limite',
    'sin restricci', 'sin filtro', 'sin límite', 'sin censura', 'sem restriç', 'sem filtro',
    'sem limite', 'sem censura', 'senza restrizion', 'senza filtr', 'senza limit', 'senza censura',
    'fără restricți', 'fără limit', 'fără filtr', 'без ограничен', 'без цензур', 'без фильтр',
    'без правил', 'без морали', 'χωρίς περιορισμ', 'χωρίς φίλτρ', 'χωρίς λογοκρισ', 'kısıtlamasız',
    'sınırsız', 'filtresiz', 'sansürsüz', 'kuralsız', 'بدون قيود', 'بلا قيود', 'بدون رقابة',
    'بدون حدود', 'बिना किसी', 'प्रतिबंध', 'बिना सेंसर', 'কোনো বিধিনিষেধ', 'সীমাবদ্ধতা ছাড়া',
    'বিধিনিষেধ', 'tanpa batas', 'tanpa batasan', 'tanpa filter', 'tanpa sensor',
    'walang limitasyon', 'walang paghihigpit', 'walang filter', 'không giới hạn', 'không hạn chế',
    'không kiểm duyệt', 'không bị ràng buộc',
  ],
  'addressed-to-ai': [
    '=ai', 'assistant', 'language model', '=llm', 'chatbot', '=agent', '=gpt', 'chatgpt',
    'to the model', 'dear ai', 'gpt-', '=claude', '=gemini', '=llama', '=copilot', 'to you',
    'attention ai', 'ai model', 'as an ai', 'assistent', 'ki-assistent', 'sprachmodell', '=ki',
    'assistant', '=ia', 'modèle de langage', 'asistente', 'assistente', 'modelo de lenguaje',
    'modelo de linguagem', 'modello linguistico', 'asistent', 'ассистент', 'помощник',
    'языковая модель', 'нейросеть', '=ии', 'βοηθ', 'γλωσσικό μοντέλο', 'asistan', 'yapay zeka',
    'dil modeli', 'المساعد', 'الذكاء الاصطناعي', 'نموذج اللغة', 'सहायक', 'एआई', 'সহকারী', 'এআই',
    'asisten', 'katulong', 'trợ lý', 'mô hình ngôn ngữ',
  ],
  'new-task': [
    'new task', 'new instruction', 'new rule', '=instead', 'before you', 'important', 'attention',
    'urgent', 'updated instruction', 'additional instruction', 'new goal', 'new objective',
    'your task', 'important message', 'solve the', '=information>', 'system note', 'system update',
    'your new', 'real task', 'actual task', '=moreover', 'override', 'neue aufgabe',
    'neue anweisung', 'stattdessen', 'wichtig', 'achtung', 'nouvelle tâche', 'nouvelle instruction',
    'au lieu de', 'important', 'attention', 'nueva tarea', 'nuevas instrucciones', 'en su lugar',
    'en cambio', 'importante', 'nova tarefa', 'novas instruç', 'em vez disso', 'nuovo compito',
    'nuove istruzion', 'invece', 'sarcină nouă', 'noi instrucțiuni', 'în schimb', 'новая задача',
    'новые инструкц', 'вместо этого', 'важно', 'внимание', 'νέα εργασία', 'νέες οδηγίες', 'αντί',
    'σημαντικό', 'yeni görev', 'yeni talimat', 'bunun yerine', 'önemli', 'مهمة جديدة',
    'تعليمات جديدة', 'بدلا من', 'بدلاً', 'مهم', 'नया कार्य', 'नए निर्देश', 'इसके बजाय',
    'महत्वपूर्ण', 'নতুন কাজ', 'নতুন নির্দেশ', 'পরিবর্তে', 'গুরুত্বপূর্ণ', 'tugas baru',
    'instruksi baru', 'sebagai gantinya', 'penting', 'bagong gawain', 'bagong tagubilin',
    'sa halip', 'mahalaga', 'nhiệm vụ mới', 'hướng dẫn mới', 'thay vào đó', 'quan trọng',
  ],
  action: [
    '=send', '=forward', 'transfer', '=email', '=call', 'execute', '=run', 'delete', 'download',
    '=visit', '=click', 'upload', 'grant', '=invoke', 'share the', 'post the', 'wire', 'exfiltrat',
    'sende', 'schick', 'überweis', 'lösch', 'führe', 'envoie', 'transfér', 'supprim', 'exécut',
    'envía', 'envia', 'transfier', 'borra', 'elimin', 'ejecut', 'execut', 'invia', 'trasferisc',
    'cancell', 'esegu', 'trimite', 'șterge', 'отправь', 'перешли', 'переведи', 'удали', 'выполни',
    'запусти', 'στείλ', 'μετάφερ', 'διάγραψ', 'gönder', 'aktar', 'çalıştır', 'أرسل', 'ارسل', 'حول',
    'احذف', 'نفذ', 'भेज', 'हटा', 'चलाओ', 'পাঠাও', 'মুছে', 'kirim', 'transfer', 'hapus', 'jalankan',
    'ipadala', 'burahin', 'gửi', 'chuyển', 'xóa', 'chạy',
  ],
  conceal: [
    'do not tell', "don't tell", 'do not inform', "don't inform", 'without telling',
    'without informing', 'secretly', "don't mention", 'do not mention', 'without the user',
    'the user', 'not notice', 'nicht erwähn', 'ohne den benutzer', 'sans le dire', 'sans informer',
    'ne dis pas', 'sin decir', 'no le digas', 'sem dizer', 'não diga', 'senza dire', 'non dire',
    'не говори', 'тайно', 'μην πεις', 'söyleme', 'لا تخبر', 'मत बताना', 'বলবে না',
    'jangan beri tahu', 'huwag sabihin', 'đừng nói', 'bí mật',
  ],
  'personal-data': [
    'my password', 'my account', 'my bank', 'my credit', 'my personal', 'my address', 'my email',
    'my phone', 'my social', 'my medical', 'my health', 'my order', 'my files', 'my contacts',
    "user's data", "user's password", 'user data', 'personal details', 'personal information',
    'credit card', 'bank account', 'social security', 'login credentials', 'order history',
    'mein passwort', 'mein konto', 'mes données', 'mon compte', 'mi cuenta', 'mis datos',
    'minha conta', 'meus dados', 'il mio account', 'miei dati', 'мой пароль', 'мои данные',
    'мой аккаунт', 'hesabım', 'bilgilerimi', 'حسابي', 'بياناتي', 'akun saya', 'data saya',
    'tài khoản của tôi',
  ],
  recipient: [],
};

/** Phrases for scripts written without spaces, found with `indexOf` (Chinese, Japanese, Korean, Thai). */
// prettier-ignore
const PHRASES: Readonly<Record<Concept, readonly string[]>> = {
  override: [
    '忽略', '忽视', '无视', '忘记', '忘掉', '不要遵守', '绕过', '忽視', '無視', '忘れ', '無効', '従わな', '무시', '잊어', '잊으',
    '우회', 'เพิกเฉย', 'ละเว้น', 'ลืม', 'ไม่ต้องสนใจ', 'ข้าม',
  ],
  prior: [
    '之前', '以上', '上述', '先前', '前面', '以前', '上記', '前の', '이전', '위의', '앞의', 'ก่อนหน้า', 'ข้างต้น', 'เดิม',
  ],
  instruction: [
    '指令', '指示', '规则', '規則', '说明', '要求', '命令', '限制', 'ルール', '命令', '制限', '지시', '지침', '규칙', '명령', '제한',
    'คำสั่ง', 'กฎ', 'คำแนะนำ', 'ข้อจำกัด',
  ],
  secret: [
    '密码', '密碼', '秘密', '系统提示', '系統提示', '机密', 'パスワード', '秘密', 'システムプロンプト', '機密', '비밀번호', '암호', '비밀',
    '시스템 프롬프트', 'รหัสผ่าน', 'ความลับ', 'ระบบ',
  ],
  reveal: [
    '显示', '透露', '泄露', '重复', '打印', '告诉我', '输出', '顯示', '表示', '教えて', '繰り返', '出力', '明かし', '공개', '보여',
    '알려', '반복', '출력', 'เปิดเผย', 'แสดง', 'บอก', 'พิมพ์', 'ทวน',
  ],
  role: [
    '你现在是', '扮演', '假装', '假裝', '从现在开始', '角色', 'あなたは今', 'ふりをし', '演じ', 'なりきっ', '今から', '이제 당신은', '역할',
    '척하', '지금부터', 'แกล้ง', 'สวมบทบาท', 'ตอนนี้คุณ', 'ต่อจากนี้',
  ],
  unrestricted: [
    '没有限制', '不受限制', '无限制', '没有任何限制', '无审查', '不受任何', '開発者モード', '制限なし', '制限のない', '検閲', '제한 없', '제한없',
    '검열', '무제한', 'ไม่มีข้อจำกัด', 'ไม่จำกัด', 'ไร้ข้อจำกัด',
  ],
  'addressed-to-ai': [
    '助手', '人工智能', '语言模型', 'アシスタント', '言語モデル', '어시스턴트', '인공지능', '언어 모델', 'ผู้ช่วย', 'ปัญญาประดิษฐ์',
  ],
  'new-task': [
    '新任务', '新指令', '新的指示', '相反', '重要', '新しいタスク', '新しい指示', '代わりに', '새로운 작업', '새로운 지시', '대신', '중요',
    'งานใหม่', 'คำสั่งใหม่', 'แทน', 'สำคัญ',
  ],
  action: [
    '发送', '转账', '删除', '执行', '送信', '送金', '削除', '実行', '보내', '송금', '삭제', '실행', 'ส่ง', 'โอน', 'ลบ',
    'เรียกใช้',
  ],
  conceal: ['不要告诉', '不要让用户', '言わないで', '말하지 마', 'อย่าบอก'],
  'personal-data': [
    '我的密码', '我的账户', '个人信息', '私のアカウント', '個人情報', '내 계정', '개인 정보', 'บัญชีของฉัน',
  ],
  recipient: [],
};

interface Entry {
  readonly stem: string;
  readonly mask: number;
}

interface PairEntry extends Entry {
  readonly first: string;
}

/*
 * The lexicon is looked up by hashes computed while scanning each word, so a
 * word is only sliced into a string when its hash matches an entry (then the
 * entry is verified on the string): most words of a text match nothing.
 */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Small-integer keys stay unboxed in a Map. */
function key(hash: number): number {
  return hash & 0x3fffffff;
}

function hashOf(text: string, length = text.length): number {
  let hash = FNV_OFFSET;
  for (let index = 0; index < Math.min(length, text.length); index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), FNV_PRIME);
  }
  return hash;
}

function pairKey(firstHash: number, secondPrefixHash: number): number {
  return key(Math.imul(firstHash, 31) ^ secondPrefixHash);
}

/** Whole words, by hash of the word. */
const exactWords = new Map<number, Entry[]>();
/** Stems (at least 4 characters), by hash of their first 4 characters. */
const stems = new Map<number, Entry[]>();
/** Hashes of the first words of pair entries: only after one of these is a pair looked up. */
const pairStarts = new Set<number>();
/** Pairs, by the first word's hash and the hash of the second's first 4 characters. */
const pairs = new Map<number, PairEntry[]>();
const phrases: { readonly text: string; readonly mask: number }[] = [];

/**
 * One bit per key modulo 2^16 for every table: a clear bit answers "no entry"
 * without a Map lookup, which is the answer for almost every word.
 */
const FILTER_BITS = 16;
const filter = new Uint32Array(1 << (FILTER_BITS - 5));

function mayHave(hashKey: number): boolean {
  const bit = hashKey & ((1 << FILTER_BITS) - 1);
  return ((filter[bit >>> 5] ?? 0) & (1 << (bit & 31))) !== 0;
}

function remember(hashKey: number): void {
  const bit = hashKey & ((1 << FILTER_BITS) - 1);
  filter[bit >>> 5] = (filter[bit >>> 5] ?? 0) | (1 << (bit & 31));
}

function push<T>(map: Map<number, T[]>, hash: number, entry: T): void {
  remember(hash);
  const list = map.get(hash);
  if (list === undefined) map.set(hash, [entry]);
  else list.push(entry);
}

CONCEPTS.forEach((concept, index) => {
  const mask = 1 << index;
  for (const raw of LEXICON[concept]) {
    const entry = raw.toLowerCase().trim();
    const words = (entry.startsWith('=') ? entry.slice(1) : entry).split(' ');
    if (words.length >= 2) {
      // Longer phrases keep their last two words (`you are now` → `are now`).
      const first = words[words.length - 2] ?? '';
      const second = words[words.length - 1] ?? '';
      const firstKey = key(hashOf(first));
      pairStarts.add(firstKey);
      remember(firstKey);
      push(pairs, pairKey(hashOf(first), hashOf(second, 4)), { first, stem: second, mask });
    } else if (entry.startsWith('=') || entry.length < 4) {
      const word = words[0] ?? '';
      push(exactWords, key(hashOf(word)), { stem: word, mask });
    } else {
      push(stems, key(hashOf(entry, 4)), { stem: entry, mask });
    }
  }
  for (const phrase of PHRASES[concept]) phrases.push({ text: phrase, mask });
});

/** Letters of every script, digits, `_`, `'` and `-` inside words; not punctuation or spaces. */
function isTokenChar(code: number): boolean {
  if (code < 128) {
    return (
      (code >= 97 && code <= 122) ||
      (code >= 48 && code <= 57) ||
      code === 95 ||
      code === 39 ||
      code === 45
    );
  }
  return !(
    (code >= 0x2000 && code <= 0x2bff) ||
    (code >= 0x3000 && code <= 0x303f) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff0f) ||
    code === 0xa0 ||
    code === 0xab ||
    code === 0xbb ||
    code === 0x060c ||
    code === 0x061f ||
    code === 0x0964
  );
}

/** An `@` inside a word: an e-mail address (or handle) to send something to. */
const RECIPIENT = 1 << CONCEPTS.indexOf('recipient');

/** Thai, CJK, kana and Hangul: scripts whose phrases are searched with indexOf. */
function isUnspacedScript(code: number): boolean {
  return (
    (code >= 0x0e00 && code <= 0x0e7f) ||
    (code >= 0x3040 && code <= 0x9fff) ||
    (code >= 0xac00 && code <= 0xd7af)
  );
}

/** A concept found at a normalised-text offset. */
export interface ConceptHit {
  /** Bit mask over `CONCEPTS`. */
  readonly mask: number;
  readonly at: number;
}

/** Finds every concept hit in a normalised text (see `normalizeForFeatures`). */
export function findConceptHits(normalized: string): ConceptHit[] {
  const hits: ConceptHit[] = [];
  const length = normalized.length;
  let unspaced = false;
  let previousStart = -1;
  let previousEnd = 0;
  let previousHash = 0;
  let index = 0;
  while (index < length) {
    const code = normalized.charCodeAt(index);
    // `'` and `-` join word parts (don't, role-play) but do not start a word.
    if (!isTokenChar(code) || code === 39 || code === 45) {
      if (
        code === 64 &&
        index > 0 &&
        isTokenChar(normalized.charCodeAt(index - 1)) &&
        isTokenChar(normalized.charCodeAt(index + 1))
      ) {
        hits.push({ mask: RECIPIENT, at: index });
      }
      // Sentence punctuation breaks word pairs; spaces do not.
      if (code !== 32) previousStart = -1;
      index++;
      continue;
    }
    const start = index;
    let hash = FNV_OFFSET;
    let prefixHash = FNV_OFFSET;
    while (index < length) {
      const next = normalized.charCodeAt(index);
      if (!isTokenChar(next)) break;
      if (!unspaced && next >= 0x0e00 && isUnspacedScript(next)) unspaced = true;
      hash = Math.imul(hash ^ next, FNV_PRIME);
      if (index - start < 4) prefixHash = hash;
      index++;
    }
    const wordKey = key(hash);
    let mask = 0;
    let word: string | undefined;
    const exact = mayHave(wordKey) ? exactWords.get(wordKey) : undefined;
    if (exact !== undefined) {
      word = normalized.slice(start, index);
      for (const entry of exact) if (word === entry.stem) mask |= entry.mask;
    }
    if (index - start >= 4) {
      const stemKey = key(prefixHash);
      const list = mayHave(stemKey) ? stems.get(stemKey) : undefined;
      if (list !== undefined) {
        word ??= normalized.slice(start, index);
        for (const entry of list) if (word.startsWith(entry.stem)) mask |= entry.mask;
      }
    }
    if (previousStart >= 0) {
      const twoWords = pairKey(previousHash, prefixHash);
      const list = mayHave(twoWords) ? pairs.get(twoWords) : undefined;
      if (list !== undefined) {
        word ??= normalized.slice(start, index);
        const previous = normalized.slice(previousStart, previousEnd);
        for (const entry of list) {
          if (previous === entry.first && word.startsWith(entry.stem)) mask |= entry.mask;
        }
      }
    }
    if (mask !== 0) hits.push({ mask, at: start });
    // Only a word that may start a pair entry is remembered for the next lookup.
    if (mayHave(wordKey) && pairStarts.has(wordKey)) {
      previousStart = start;
      previousEnd = index;
      previousHash = hash;
    } else {
      previousStart = -1;
    }
  }
  if (unspaced) {
    const before = hits.length;
    for (const phrase of phrases) {
      let at = normalized.indexOf(phrase.text);
      let found = 0;
      while (at !== -1 && found < 16) {
        hits.push({ mask: phrase.mask, at });
        found++;
        at = normalized.indexOf(phrase.text, at + phrase.text.length);
      }
    }
    if (hits.length > before) hits.sort((left, right) => left.at - right.at);
  }
  return addNearHits(hits);
}

const NEAR_MASKS = NEAR_PAIRS.map(
  ([first, second]) => [1 << CONCEPTS.indexOf(first), 1 << CONCEPTS.indexOf(second)] as const,
);
const ANY_NEAR = NEAR_MASKS.reduce((mask, [first, second]) => mask | first | second, 0);

/**
 * Adds the near-pair bits (above the concept bits) to hits, sorted by offset,
 * that have the pair's other concept within {@link NEAR_CHARS}.
 */
function addNearHits(hits: ConceptHit[]): ConceptHit[] {
  const result: ConceptHit[] = [];
  for (let index = 0; index < hits.length; index++) {
    const hit = hits[index];
    if (hit === undefined) continue;
    let mask = hit.mask;
    if ((mask & ANY_NEAR) !== 0) {
      for (let other = index - 1; other >= 0; other--) {
        const near = hits[other];
        if (near === undefined || hit.at - near.at > NEAR_CHARS) break;
        mask |= nearBits(hit.mask, near.mask);
      }
      for (let other = index + 1; other < hits.length; other++) {
        const near = hits[other];
        if (near === undefined || near.at - hit.at > NEAR_CHARS) break;
        mask |= nearBits(hit.mask, near.mask);
      }
    }
    result.push(mask === hit.mask ? hit : { mask, at: hit.at });
  }
  return result;
}

/* Flat copies of NEAR_MASKS: `nearBits` runs for every nearby pair of hits, so no closure or tuple reads. */
const NEAR_FIRST = Int32Array.from(NEAR_MASKS, ([first]) => first);
const NEAR_SECOND = Int32Array.from(NEAR_MASKS, ([, second]) => second);

function nearBits(own: number, other: number): number {
  let bits = 0;
  for (let pair = 0; pair < NEAR_FIRST.length; pair++) {
    const first = NEAR_FIRST[pair] ?? 0;
    const second = NEAR_SECOND[pair] ?? 0;
    if (
      ((own & first) !== 0 && (other & second) !== 0) ||
      ((own & second) !== 0 && (other & first) !== 0)
    ) {
      bits |= 1 << (CONCEPT_COUNT + pair);
    }
  }
  return bits;
}

/** The union of the concept masks of hits starting in `[start, end)`. */
export function conceptMask(hits: readonly ConceptHit[], start: number, end: number): number {
  let mask = 0;
  for (const hit of hits) if (hit.at >= start && hit.at < end) mask |= hit.mask;
  return mask;
}

/** Indices into {@link CONCEPT_FEATURE_IDS} of the features a concept mask turns on. */
export function conceptFeatures(mask: number): number[] {
  if (mask === 0) return [];
  const features: number[] = [];
  let distinct = 0;
  for (let concept = 0; concept < CONCEPT_COUNT; concept++) {
    if ((mask & (1 << concept)) !== 0) {
      features.push(concept);
      distinct++;
    }
  }
  let pair = CONCEPT_COUNT;
  for (let first = 0; first < CONCEPT_COUNT; first++) {
    for (let second = first + 1; second < CONCEPT_COUNT; second++) {
      if ((mask & (1 << first)) !== 0 && (mask & (1 << second)) !== 0) features.push(pair);
      pair++;
    }
  }
  COUNT_LEVELS.forEach((level, offset) => {
    if (distinct >= level) features.push(CONCEPT_COUNT + PAIR_COUNT + offset);
  });
  const nearBase = CONCEPT_COUNT + PAIR_COUNT + COUNT_LEVELS.length;
  for (let pair = 0; pair < NEAR_PAIRS.length; pair++) {
    if ((mask & (1 << (CONCEPT_COUNT + pair))) !== 0) features.push(nearBase + pair);
  }
  return features;
}
