/**
 * Clinical segments and the conditions behind them. A member belongs to one segment (written
 * as `clinical_segment`) and, outside `Healthy`, carries one condition: it sets the dominant
 * HCC label (`mutually_exclusive_hcc_condition`), the diagnoses on condition-related claims,
 * the specialist seen, maintenance drugs filled every month, and the inpatient stays that can
 * happen. Segment weights by age follow the shape of an individual-market population.
 */
import { AgeGroup } from '../../../domain/seed-contract';

export interface Condition {
  readonly key: string;
  /** HHS-HCC style label, empty when the condition maps to no payment HCC. */
  readonly hcc: string;
  readonly diagnoses: readonly string[];
  readonly specialist: string;
  /** Generic maintenance drugs (service keys); a fill picks one. */
  readonly maintenance: readonly string[];
  /** Brand drugs some members take (service keys) and the share who do. */
  readonly brands: readonly string[];
  readonly brandShare: number;
  /** Specialty drugs (service keys) and the share of members on one. */
  readonly specialty: readonly string[];
  readonly specialtyShare: number;
  /** Condition-specific procedures and labs (service keys). */
  readonly procedures: readonly string[];
  /** Inpatient stays this condition leads to (service keys). */
  readonly inpatient: readonly string[];
}

function condition(key: string, hcc: string, c: Omit<Condition, 'key' | 'hcc'>): Condition {
  return { key, hcc, ...c };
}

const none: readonly string[] = [];

export const CONDITIONS: readonly Condition[] = [
  condition('diabetes', 'Diabetes without Complication', {
    diagnoses: ['E11.9', 'E11.9', 'E11.65'],
    specialist: 'Endocrinology',
    maintenance: ['rx_metformin', 'rx_atorvastatin', 'rx_lisinopril'],
    brands: ['rx_jardiance', 'rx_ozempic'],
    brandShare: 0.45,
    specialty: none,
    specialtyShare: 0,
    procedures: ['lab_a1c', 'lab_cmp', 'lab_lipid'],
    inpatient: ['ip_diabetes', 'ip_cellulitis', 'ip_heart_failure'],
  }),
  condition('heart_failure', 'Congestive Heart Failure', {
    diagnoses: ['I50.9', 'I50.22'],
    specialist: 'Cardiology',
    maintenance: ['rx_furosemide', 'rx_lisinopril', 'rx_atorvastatin'],
    brands: ['rx_entresto', 'rx_eliquis'],
    brandShare: 0.55,
    specialty: none,
    specialtyShare: 0,
    procedures: ['echo', 'ecg', 'lab_cmp'],
    inpatient: ['ip_heart_failure', 'ip_heart_failure', 'ip_renal_failure', 'ip_stroke'],
  }),
  condition('copd', 'Chronic Obstructive Pulmonary Disease', {
    diagnoses: ['J44.9', 'J44.9', 'J44.1'],
    specialist: 'Pulmonology',
    maintenance: ['rx_albuterol'],
    brands: ['rx_trelegy'],
    brandShare: 0.5,
    specialty: none,
    specialtyShare: 0,
    procedures: ['xray_chest'],
    inpatient: ['ip_copd', 'ip_pneumonia'],
  }),
  condition('asthma', '', {
    diagnoses: ['J45.909', 'J45.40'],
    specialist: 'Pulmonology',
    maintenance: ['rx_albuterol'],
    brands: ['rx_trelegy'],
    brandShare: 0.15,
    specialty: ['rx_dupixent'],
    specialtyShare: 0.04,
    procedures: none,
    inpatient: ['ip_pneumonia'],
  }),
  condition('ckd', 'Chronic Kidney Disease, Severe (Stage 4)', {
    diagnoses: ['N18.4'],
    specialist: 'Nephrology',
    maintenance: ['rx_amlodipine', 'rx_lisinopril', 'rx_furosemide'],
    brands: none,
    brandShare: 0,
    specialty: none,
    specialtyShare: 0,
    procedures: ['lab_cmp', 'lab_cbc'],
    inpatient: ['ip_renal_failure', 'ip_sepsis'],
  }),
  condition('rheumatoid_arthritis', 'Rheumatoid Arthritis and Specified Autoimmune Disorders', {
    diagnoses: ['M06.9'],
    specialist: 'Rheumatology',
    maintenance: ['rx_ibuprofen'],
    brands: none,
    brandShare: 0,
    specialty: ['rx_humira'],
    specialtyShare: 0.3,
    procedures: ['lab_cbc'],
    inpatient: ['ip_cellulitis', 'ip_knee_replacement'],
  }),
  condition('hiv', 'HIV/AIDS', {
    diagnoses: ['B20'],
    specialist: 'Infectious Disease',
    maintenance: none,
    brands: none,
    brandShare: 0,
    specialty: ['rx_biktarvy'],
    specialtyShare: 0.92,
    procedures: ['lab_cbc', 'lab_cmp'],
    inpatient: ['ip_pneumonia', 'ip_sepsis'],
  }),
  condition('hypertension', '', {
    diagnoses: ['I10'],
    specialist: 'Cardiology',
    maintenance: ['rx_lisinopril', 'rx_amlodipine'],
    brands: none,
    brandShare: 0,
    specialty: none,
    specialtyShare: 0,
    procedures: ['ecg', 'lab_cmp'],
    inpatient: ['ip_stroke'],
  }),
  condition('hyperlipidemia', '', {
    diagnoses: ['E78.5'],
    specialist: 'Cardiology',
    maintenance: ['rx_atorvastatin'],
    brands: none,
    brandShare: 0,
    specialty: none,
    specialtyShare: 0,
    procedures: ['lab_lipid'],
    inpatient: none,
  }),
  condition('obesity', 'Morbid Obesity', {
    diagnoses: ['E66.01'],
    specialist: 'Endocrinology',
    maintenance: ['rx_metformin'],
    brands: ['rx_ozempic'],
    brandShare: 0.4,
    specialty: none,
    specialtyShare: 0,
    procedures: ['lab_a1c', 'lab_lipid'],
    inpatient: ['ip_knee_replacement', 'ip_spinal_fusion'],
  }),
  condition('depression', 'Major Depressive and Bipolar Disorders', {
    diagnoses: ['F32.9', 'F33.1'],
    specialist: 'Psychiatry',
    maintenance: ['rx_sertraline', 'rx_bupropion'],
    brands: none,
    brandShare: 0,
    specialty: none,
    specialtyShare: 0,
    procedures: none,
    inpatient: ['ip_psychoses'],
  }),
  condition('bipolar', 'Major Depressive and Bipolar Disorders', {
    diagnoses: ['F31.9'],
    specialist: 'Psychiatry',
    maintenance: ['rx_quetiapine'],
    brands: none,
    brandShare: 0,
    specialty: none,
    specialtyShare: 0,
    procedures: none,
    inpatient: ['ip_psychoses'],
  }),
  condition('anxiety', '', {
    diagnoses: ['F41.1'],
    specialist: 'Psychiatry',
    maintenance: ['rx_sertraline'],
    brands: none,
    brandShare: 0,
    specialty: none,
    specialtyShare: 0,
    procedures: none,
    inpatient: none,
  }),
  condition(
    'substance_use',
    'Drug Use Disorder, Moderate/Severe, or Drug Use with Non-Psychotic Complications',
    {
      diagnoses: ['F11.20'],
      specialist: 'Psychiatry',
      maintenance: ['rx_buprenorphine'],
      brands: none,
      brandShare: 0,
      specialty: none,
      specialtyShare: 0,
      procedures: none,
      inpatient: ['ip_substance_use', 'ip_cellulitis'],
    },
  ),
  condition('pregnancy', 'Completed Pregnancy With No or Minor Complications', {
    diagnoses: ['Z34.90'],
    specialist: 'Obstetrics & Gynecology',
    maintenance: ['rx_prenatal'],
    brands: none,
    brandShare: 0,
    specialty: none,
    specialtyShare: 0,
    procedures: ['obstetric_ultrasound', 'lab_cbc'],
    inpatient: none,
  }),
  condition(
    'breast_cancer',
    'Breast (Age 50+) and Prostate Cancer, Benign/Uncertain Brain Tumors, and Other Cancers and Tumors',
    {
      diagnoses: ['C50.911'],
      specialist: 'Hematology/Oncology',
      maintenance: ['rx_omeprazole'],
      brands: none,
      brandShare: 0,
      specialty: ['rx_ibrance'],
      specialtyShare: 0.2,
      procedures: [
        'chemo_administration',
        'ct_abdomen',
        'lab_cbc',
        'lab_cbc',
        'lab_cmp',
        'specialist_visit',
      ],
      inpatient: ['ip_chemotherapy', 'ip_sepsis'],
    },
  ),
  condition(
    'lung_cancer',
    'Lung, Brain, and Other Severe Cancers, Including Pediatric Acute Lymphoid Leukemia',
    {
      diagnoses: ['C34.90'],
      specialist: 'Hematology/Oncology',
      maintenance: ['rx_omeprazole'],
      brands: none,
      brandShare: 0,
      specialty: ['rx_tagrisso'],
      specialtyShare: 0.2,
      procedures: [
        'chemo_administration',
        'ct_abdomen',
        'lab_cbc',
        'lab_cbc',
        'lab_cmp',
        'specialist_visit',
      ],
      inpatient: ['ip_chemotherapy', 'ip_sepsis', 'ip_pneumonia'],
    },
  ),
];

/** What kind of service a claim is, before the concrete item is chosen. */
export type ServiceSlot =
  | 'pcp'
  | 'preventive'
  | 'lab'
  | 'acute_rx'
  | 'urgent'
  | 'telehealth'
  | 'er'
  | 'imaging'
  | 'advanced_imaging'
  | 'physical_therapy'
  | 'specialist'
  | 'behavioral'
  | 'prenatal'
  | 'condition_procedure'
  | 'outpatient_surgery'
  | 'flu_vaccine'
  | 'observation';

export interface ClinicalSegment {
  readonly name: string;
  /** Relative claim frequency. */
  readonly frequency: number;
  /** Multiplier on allowed amounts of medical (non-pharmacy) claims. */
  readonly severity: number;
  /** Expected inpatient admissions per member-year. */
  readonly admissionsPerYear: number;
  /** Median risk score (`ra_mm`). */
  readonly riskScoreMedian: number;
  /** Conditions with weights; empty for Healthy. */
  readonly conditions: readonly (readonly [string, number])[];
  /** Claim mix over service slots. */
  readonly slots: Readonly<Partial<Record<ServiceSlot, number>>>;
}

export const CLINICAL_SEGMENTS: readonly ClinicalSegment[] = [
  {
    name: 'Healthy',
    frequency: 0.55,
    severity: 0.9,
    admissionsPerYear: 0.01,
    riskScoreMedian: 0.22,
    conditions: [],
    slots: {
      pcp: 18,
      preventive: 7,
      lab: 15,
      acute_rx: 15,
      urgent: 5,
      telehealth: 5,
      er: 3,
      imaging: 4,
      advanced_imaging: 2.2,
      physical_therapy: 3,
      specialist: 6,
      flu_vaccine: 3,
      outpatient_surgery: 0.7,
      behavioral: 1.5,
    },
  },
  {
    name: 'Rising Risk',
    frequency: 1.0,
    severity: 1.0,
    admissionsPerYear: 0.03,
    riskScoreMedian: 0.65,
    conditions: [
      ['hypertension', 40],
      ['hyperlipidemia', 30],
      ['obesity', 20],
      ['asthma', 10],
    ],
    slots: {
      pcp: 14,
      preventive: 4,
      lab: 14,
      acute_rx: 8,
      urgent: 3,
      telehealth: 4,
      er: 3,
      imaging: 3,
      advanced_imaging: 2.5,
      physical_therapy: 3,
      specialist: 6,
      flu_vaccine: 2,
      outpatient_surgery: 1,
      condition_procedure: 3,
      behavioral: 1,
    },
  },
  {
    name: 'Chronic',
    frequency: 1.9,
    severity: 1.1,
    admissionsPerYear: 0.07,
    riskScoreMedian: 1.45,
    conditions: [
      ['diabetes', 34],
      ['asthma', 14],
      ['copd', 10],
      ['heart_failure', 7],
      ['ckd', 6],
      ['rheumatoid_arthritis', 7],
      ['hiv', 2],
      ['hypertension', 20],
    ],
    slots: {
      pcp: 10,
      preventive: 2,
      lab: 12,
      acute_rx: 4,
      urgent: 2,
      telehealth: 3,
      er: 3.5,
      imaging: 3,
      advanced_imaging: 3,
      physical_therapy: 2,
      specialist: 9,
      condition_procedure: 4,
      flu_vaccine: 1.5,
      outpatient_surgery: 1.2,
      observation: 0.5,
    },
  },
  {
    name: 'Behavioral',
    frequency: 1.5,
    severity: 1.0,
    admissionsPerYear: 0.045,
    riskScoreMedian: 1.0,
    conditions: [
      ['depression', 42],
      ['anxiety', 30],
      ['bipolar', 13],
      ['substance_use', 15],
    ],
    slots: {
      pcp: 8,
      preventive: 2,
      lab: 6,
      acute_rx: 5,
      urgent: 2,
      telehealth: 7,
      er: 3,
      imaging: 1,
      specialist: 2,
      behavioral: 36,
      flu_vaccine: 1,
    },
  },
  {
    name: 'Maternity',
    frequency: 2.0,
    severity: 1.05,
    admissionsPerYear: 0.02,
    riskScoreMedian: 1.9,
    conditions: [['pregnancy', 1]],
    slots: {
      pcp: 4,
      preventive: 3,
      lab: 20,
      acute_rx: 4,
      urgent: 2,
      telehealth: 2,
      er: 2.5,
      imaging: 1,
      prenatal: 22,
      specialist: 2,
      flu_vaccine: 2,
    },
  },
  {
    name: 'Complex',
    frequency: 3.2,
    severity: 1.35,
    admissionsPerYear: 0.32,
    riskScoreMedian: 3.9,
    conditions: [
      ['heart_failure', 32],
      ['ckd', 24],
      ['diabetes', 28],
      ['copd', 16],
    ],
    slots: {
      pcp: 7,
      lab: 13,
      acute_rx: 4,
      urgent: 1.5,
      telehealth: 2,
      er: 4.5,
      imaging: 4,
      advanced_imaging: 4,
      physical_therapy: 3,
      specialist: 12,
      condition_procedure: 5,
      flu_vaccine: 1,
      observation: 1.2,
    },
  },
  {
    name: 'Oncology',
    frequency: 3.0,
    severity: 1.5,
    admissionsPerYear: 0.3,
    riskScoreMedian: 6.5,
    conditions: [
      ['breast_cancer', 60],
      ['lung_cancer', 40],
    ],
    slots: {
      pcp: 4,
      lab: 17,
      acute_rx: 4,
      er: 4,
      imaging: 3,
      advanced_imaging: 8,
      specialist: 14,
      condition_procedure: 12,
      telehealth: 2,
      observation: 1,
    },
  },
];

/**
 * Segment weights by age band (order of CLINICAL_SEGMENTS). Maternity applies to women aged
 * 18–44 only; for everyone else its weight goes to Healthy.
 */
export const SEGMENT_WEIGHTS_BY_AGE: Readonly<Record<AgeGroup, readonly number[]>> = {
  '<18': [82, 6, 5, 6, 0, 0.6, 0.1],
  '18-25': [66, 10, 6, 11, 6, 0.7, 0.1],
  '26-34': [58, 13, 8, 11, 8, 1.1, 0.2],
  '35-44': [52, 17, 13, 10, 3, 1.8, 0.5],
  '45-54': [40, 22, 22, 9, 0, 3.8, 1.0],
  '55-64': [28, 24, 31, 7, 0, 5.8, 1.6],
  '65+': [22, 24, 34, 6, 0, 7.5, 2.2],
};

/** Conditions children can have (others are re-drawn as asthma or anxiety). */
export const PEDIATRIC_CONDITIONS: ReadonlySet<string> = new Set([
  'asthma',
  'anxiety',
  'depression',
  'obesity',
  'hiv',
]);

/** Acute reasons for care of members without a condition (ICD-10-CM) with weights. */
export const ACUTE_DIAGNOSES: readonly (readonly [string, number])[] = [
  ['J06.9', 18],
  ['J02.9', 8],
  ['J20.9', 7],
  ['M54.50', 12],
  ['M25.561', 7],
  ['N39.0', 7],
  ['K21.9', 7],
  ['L30.9', 6],
  ['H66.90', 5],
  ['I10', 6],
  ['E78.5', 5],
  ['F41.1', 4],
  ['Z00.00', 8],
];

/** Specialists seen by members without a condition. */
export const GENERAL_SPECIALISTS: readonly string[] = [
  'Dermatology',
  'Orthopedic Surgery',
  'Gastroenterology',
  'Obstetrics & Gynecology',
  'Cardiology',
  'Neurology',
  'Endocrinology',
];
