/**
 * ICD-10-CM diagnosis codes the generator uses, with their CCSR body system and category. The
 * codes and titles are public (CMS/NCHS, AHRQ HCUP CCSR); the selection covers the common
 * reasons for care in an individual-market population.
 */
export interface Diagnosis {
  readonly code: string;
  readonly title: string;
  /** CCSR body system, e.g. `Diseases of the circulatory system`. */
  readonly ccsrSystem: string;
  /** CCSR category as `CODE - description`, e.g. `CIR007 - Essential hypertension`. */
  readonly ccsr: string;
}

const CIR = 'Diseases of the circulatory system';
const END = 'Endocrine, nutritional and metabolic diseases';
const MBD = 'Mental, behavioral and neurodevelopmental disorders';
const RSP = 'Diseases of the respiratory system';
const GEN = 'Diseases of the genitourinary system';
const MUS = 'Diseases of the musculoskeletal system and connective tissue';
const NEO = 'Neoplasms';
const INF = 'Certain infectious and parasitic diseases';
const PRG = 'Pregnancy, childbirth and the puerperium';
const FAC = 'Factors influencing health status and contact with health services';
const SKN = 'Diseases of the skin and subcutaneous tissue';
const DIG = 'Diseases of the digestive system';
const EAR = 'Diseases of the ear and mastoid process';

const dx = (code: string, title: string, ccsrSystem: string, ccsr: string): Diagnosis => ({
  code,
  title,
  ccsrSystem,
  ccsr,
});

export const DIAGNOSES: readonly Diagnosis[] = [
  dx('I10', 'Essential (primary) hypertension', CIR, 'CIR007 - Essential hypertension'),
  dx('I50.9', 'Heart failure, unspecified', CIR, 'CIR019 - Heart failure'),
  dx('I50.22', 'Chronic systolic (congestive) heart failure', CIR, 'CIR019 - Heart failure'),
  dx('I63.9', 'Cerebral infarction, unspecified', CIR, 'CIR020 - Cerebral infarction'),
  dx(
    'E11.9',
    'Type 2 diabetes mellitus without complications',
    END,
    'END002 - Diabetes mellitus without complication',
  ),
  dx(
    'E11.65',
    'Type 2 diabetes mellitus with hyperglycemia',
    END,
    'END003 - Diabetes mellitus with complication',
  ),
  dx('E78.5', 'Hyperlipidemia, unspecified', END, 'END010 - Disorders of lipid metabolism'),
  dx('E66.01', 'Morbid (severe) obesity due to excess calories', END, 'END009 - Obesity'),
  dx(
    'F32.9',
    'Major depressive disorder, single episode, unspecified',
    MBD,
    'MBD002 - Depressive disorders',
  ),
  dx(
    'F33.1',
    'Major depressive disorder, recurrent, moderate',
    MBD,
    'MBD002 - Depressive disorders',
  ),
  dx('F41.1', 'Generalized anxiety disorder', MBD, 'MBD005 - Anxiety and fear-related disorders'),
  dx('F31.9', 'Bipolar disorder, unspecified', MBD, 'MBD003 - Bipolar and related disorders'),
  dx('F11.20', 'Opioid dependence, uncomplicated', MBD, 'MBD018 - Opioid-related disorders'),
  dx(
    'J06.9',
    'Acute upper respiratory infection, unspecified',
    RSP,
    'RSP006 - Other specified upper respiratory infections',
  ),
  dx(
    'J02.9',
    'Acute pharyngitis, unspecified',
    RSP,
    'RSP006 - Other specified upper respiratory infections',
  ),
  dx('J20.9', 'Acute bronchitis, unspecified', RSP, 'RSP005 - Acute bronchitis'),
  dx(
    'J18.9',
    'Pneumonia, unspecified organism',
    RSP,
    'RSP002 - Pneumonia (except that caused by tuberculosis)',
  ),
  dx(
    'J44.9',
    'Chronic obstructive pulmonary disease, unspecified',
    RSP,
    'RSP008 - Chronic obstructive pulmonary disease and bronchiectasis',
  ),
  dx(
    'J44.1',
    'Chronic obstructive pulmonary disease with (acute) exacerbation',
    RSP,
    'RSP008 - Chronic obstructive pulmonary disease and bronchiectasis',
  ),
  dx('J45.909', 'Unspecified asthma, uncomplicated', RSP, 'RSP009 - Asthma'),
  dx('J45.40', 'Moderate persistent asthma, uncomplicated', RSP, 'RSP009 - Asthma'),
  dx('N18.4', 'Chronic kidney disease, stage 4 (severe)', GEN, 'GEN003 - Chronic kidney disease'),
  dx(
    'N17.9',
    'Acute kidney failure, unspecified',
    GEN,
    'GEN002 - Acute and unspecified renal failure',
  ),
  dx(
    'N39.0',
    'Urinary tract infection, site not specified',
    GEN,
    'GEN004 - Urinary tract infections',
  ),
  dx(
    'M06.9',
    'Rheumatoid arthritis, unspecified',
    MUS,
    'MUS003 - Rheumatoid arthritis and related disease',
  ),
  dx('M17.11', 'Unilateral primary osteoarthritis, right knee', MUS, 'MUS006 - Osteoarthritis'),
  dx('M25.561', 'Pain in right knee', MUS, 'MUS010 - Musculoskeletal pain, not low back pain'),
  dx(
    'M48.061',
    'Spinal stenosis, lumbar region without neurogenic claudication',
    MUS,
    'MUS011 - Spondylopathies/spondyloarthropathy (including infective)',
  ),
  dx('M54.50', 'Low back pain, unspecified', MUS, 'MUS038 - Low back pain'),
  dx(
    'C50.911',
    'Malignant neoplasm of unspecified site of right female breast',
    NEO,
    'NEO030 - Breast cancer - all other types',
  ),
  dx(
    'C34.90',
    'Malignant neoplasm of unspecified part of unspecified bronchus or lung',
    NEO,
    'NEO022 - Respiratory cancers',
  ),
  dx('B20', 'Human immunodeficiency virus [HIV] disease', INF, 'INF006 - HIV infection'),
  dx('A41.9', 'Sepsis, unspecified organism', INF, 'INF002 - Septicemia'),
  dx(
    'Z34.90',
    'Encounter for supervision of normal pregnancy, unspecified, unspecified trimester',
    PRG,
    'PRG029 - Uncomplicated pregnancy, delivery or puerperium',
  ),
  dx(
    'O80',
    'Encounter for full-term uncomplicated delivery',
    PRG,
    'PRG029 - Uncomplicated pregnancy, delivery or puerperium',
  ),
  dx(
    'O82',
    'Encounter for cesarean delivery without indication',
    PRG,
    'PRG029 - Uncomplicated pregnancy, delivery or puerperium',
  ),
  dx(
    'Z00.00',
    'Encounter for general adult medical examination without abnormal findings',
    FAC,
    'FAC021 - Medical examination/evaluation',
  ),
  dx(
    'Z00.129',
    'Encounter for routine child health examination without abnormal findings',
    FAC,
    'FAC021 - Medical examination/evaluation',
  ),
  dx(
    'Z23',
    'Encounter for immunization',
    FAC,
    'FAC010 - Other specified encounters and counseling',
  ),
  dx(
    'Z12.11',
    'Encounter for screening for malignant neoplasm of colon',
    FAC,
    'FAC004 - Encounter for screening',
  ),
  dx(
    'Z12.31',
    'Encounter for screening mammogram for malignant neoplasm of breast',
    FAC,
    'FAC004 - Encounter for screening',
  ),
  dx(
    'L03.115',
    'Cellulitis of right lower limb',
    SKN,
    'SKN001 - Skin and subcutaneous tissue infections',
  ),
  dx('L30.9', 'Dermatitis, unspecified', SKN, 'SKN002 - Other inflammatory condition of skin'),
  dx(
    'K21.9',
    'Gastro-esophageal reflux disease without esophagitis',
    DIG,
    'DIG004 - Esophageal disorders',
  ),
  dx('H66.90', 'Otitis media, unspecified, unspecified ear', EAR, 'EAR001 - Otitis media'),
];

const BY_CODE = new Map(DIAGNOSES.map((d) => [d.code, d]));

export function diagnosis(code: string): Diagnosis {
  const d = BY_CODE.get(code);
  if (!d) throw new Error(`Unknown diagnosis code '${code}' in the generator catalog`);
  return d;
}
